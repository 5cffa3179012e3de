from tests.contracts.conftest import contract  # noqa: F401  (the fixture)
