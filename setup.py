"""The build step setuptools runs for a wheel or `pip install .`: the translation catalogues
(src/pasok/locale/*/LC_MESSAGES/django.po) are compiled into the built package, so an
installed Pasok speaks Indonesian without `make` (which compiles them in the source tree for
development). Babel, pure Python, is a build requirement (pyproject.toml); the metadata is
all in pyproject.toml."""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


def compile_catalogues(package_dir: Path) -> list[Path]:
    """Write a .mo beside each catalogue under `package_dir`/locale (fuzzy entries left out,
    as Django's compilemessages does); returns what it wrote."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    written = []
    for po in sorted(Path(package_dir, "locale").glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as source:
            catalogue = read_po(source)
        mo = po.with_suffix(".mo")
        with mo.open("wb") as target:
            write_mo(target, catalogue)
        written.append(mo)
    return written


class BuildWithCatalogues(build_py):
    def run(self):
        super().run()
        compile_catalogues(Path(self.build_lib) / "pasok")


if __name__ == "__main__":
    setup(cmdclass={"build_py": BuildWithCatalogues})
