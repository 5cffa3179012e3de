"""An installed Pasok (a wheel, `pip install .`) carries compiled catalogues: setup.py's build
step writes them (the source tree's .mo files are `make`'s and are not in the repository)."""

import gettext
import importlib.util
import shutil
from pathlib import Path

import pasok

ROOT = Path(__file__).resolve().parents[2]


def _setup_module():
    spec = importlib.util.spec_from_file_location("pasok_setup", ROOT / "setup.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # not __main__: setup() does not run
    return module


def test_the_build_compiles_every_catalogue_into_the_package(tmp_path):
    package = tmp_path / "pasok"
    shutil.copytree(Path(pasok.__file__).parent / "locale", package / "locale",
                    ignore=shutil.ignore_patterns("*.mo"))
    written = _setup_module().compile_catalogues(package)
    assert [p.relative_to(package).as_posix() for p in written] == [
        "locale/id/LC_MESSAGES/django.mo"]
    indonesian = gettext.translation("django", package / "locale", languages=["id"])
    assert indonesian.gettext("Tenders") == "Tender"
    assert indonesian.gettext("Find suppliers") != "Find suppliers"


def test_the_build_step_is_the_one_setuptools_runs():
    module = _setup_module()
    assert issubclass(module.BuildWithCatalogues, module.build_py)
    assert "babel" in (ROOT / "pyproject.toml").read_text().split("[project]")[0]
