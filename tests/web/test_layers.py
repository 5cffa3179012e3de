"""The layers' direction (issue 11): pasok.web is the shared kernel (formatting, numbers, PDF,
form errors, paging, middleware, shared templates) and imports no app; the UI shell
(pasok.shell: the home page, the menu, the admin mixin, `pasok run`) may import every app;
the domain's models import nothing of the shell."""

import ast
from pathlib import Path

import pasok

SRC = Path(pasok.__file__).parent
APPS = ("accounts", "allocation", "audit", "contracts", "demo", "insights", "inspection",
        "payments",
        "scorecards", "shell", "suppliers",
        "tenders", "tkdn", "ops", "api")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _of(names: set[str], packages) -> list[str]:
    return sorted(n for n in names if any(n == f"pasok.{p}" or n.startswith(f"pasok.{p}.")
                                          for p in packages))


def test_the_kernel_imports_no_app():
    found = {str(p.relative_to(SRC)): _of(_imports(p), APPS)
             for p in (SRC / "web").rglob("*.py")}
    assert {path: names for path, names in found.items() if names} == {}


def test_no_model_imports_the_shell():
    found = {str(p.relative_to(SRC)): _of(_imports(p), ("shell",))
             for p in SRC.rglob("models.py")}
    assert {path: names for path, names in found.items() if names} == {}


def test_the_walk_reads_imports():
    assert _of({"pasok.accounts.models", "pasok.web.pdf", "pasok.rules.tkdn"}, APPS) == [
        "pasok.accounts.models"]
    assert "pasok.rules.money" in _imports(SRC / "web" / "formatting.py")
