"""The Bahasa Indonesia catalogue: complete, faithful to its placeholders, in step with the
code, and what a visitor sees first.

Re-extract and translate with `make messages`, then edit src/pasok/locale/id/LC_MESSAGES/
django.po. The extraction test needs GNU gettext (xgettext); it skips without it unless
PASOK_REQUIRE_GETTEXT=1 (CI), where it fails instead."""

import contextlib
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.utils import translation
from django.utils.translation.reloader import translation_file_changed

import pasok

PACKAGE_DIR = Path(pasok.__file__).resolve().parent
PO = PACKAGE_DIR / "locale" / "id" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")

# Django template variables ({{ name }}), left as they are in a {% translate %} literal.
_TEMPLATE_VARIABLE = re.compile(r"\{\{\s*[^{}]*?\s*\}\}")
# printf style: %(name)s, %(count)d, %s, %d, %.2f. No space flag, so the "% d" in
# "100% dijamin" (unformatted text) is not taken for a placeholder.
_PERCENT = re.compile(r"%(?:\((?P<name>[^)]*)\))?[#0+-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
# str.format style: {}, {0}, {name}, {name!r}, {name:>10}.
_BRACE = re.compile(r"\{(?:[A-Za-z_][\w.\[\]]*|\d*)(?:![rsa])?(?::[^{}]*)?\}")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def placeholders(text: str) -> Counter:
    """Everything in `text` a translation must carry over unchanged: named placeholders
    (once or more, where the wording needs), positional ones (as often as in the original,
    since they fill in order), escaped percent signs and HTML tags."""
    found: Counter = Counter()
    for match in _TEMPLATE_VARIABLE.finditer(text):
        found["{{ " + match.group().strip("{} ") + " }}"] = 1
    text = _TEMPLATE_VARIABLE.sub("", text)
    # A literal percent sign is "%%" where the string is %-formatted (blocktranslate, and
    # translate in templates); a lone "%" in its translation would break the formatting.
    if "%%" in text:
        found["%%"] = text.count("%%")
        text = text.replace("%%", "")
    for match in _PERCENT.finditer(text):
        if match.group("name") is not None:
            found[match.group()] = 1
        else:
            found[match.group()] += 1
    for match in _BRACE.finditer(text.replace("{{", "").replace("}}", "")):
        if match.group() == "{}":
            found["{}"] += 1
        else:
            found[match.group()] = 1
    for match in _TAG.finditer(text):
        found[match.group()] += 1
    return found


def read_catalogue(path: Path, *, strict: bool = True):
    """strict: a stray msgstr[1] (Indonesian has one plural form) is an error. A fresh
    extraction has two empty msgstr[] per plural entry, which Babel drops with a warning
    printed on stdout; that warning is noise here."""
    with path.open("rb") as f, contextlib.redirect_stdout(io.StringIO()):
        return read_po(f, abort_invalid=strict)


@pytest.fixture(scope="module")
def catalogue():
    return read_catalogue(PO)


def _messages(catalogue):
    return [message for message in catalogue if message.id]


def _key(message) -> tuple:
    return (message.context, message.id)


def _label(message) -> str:
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return f"{msgid!r} ({', '.join(f'{file}:{line}' for file, line in message.locations)})"


def test_the_header_is_for_indonesian(catalogue):
    assert catalogue.locale_identifier == "id"
    assert catalogue.num_plurals == 1
    assert catalogue.plural_expr == "0"
    assert catalogue.charset.lower() == "utf-8"
    assert catalogue.project == "Pasok"
    assert not catalogue.fuzzy, "the header is still marked fuzzy"


def test_every_entry_is_translated_and_none_is_fuzzy(catalogue):
    untranslated, fuzzy = [], []
    for message in _messages(catalogue):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if len(strings) != 1 or not all(s and s.strip() for s in strings):
            untranslated.append(_label(message))
        if message.fuzzy:
            fuzzy.append(_label(message))
    assert not untranslated, "untranslated in django.po:\n" + "\n".join(untranslated)
    assert not fuzzy, "fuzzy in django.po (check, then remove the flag):\n" + "\n".join(fuzzy)


def test_translations_keep_every_placeholder_and_tag(catalogue):
    wrong = []
    for message in _messages(catalogue):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        # Indonesian's one plural form stands for every count: it must carry what the
        # plural English form carries.
        expected = Counter()
        for msgid in ids:
            expected |= placeholders(msgid)
        for string in strings:
            if string and placeholders(string) != expected:
                wrong.append(f"{_label(message)}: expected {sorted(expected.elements())}, "
                             f"found {sorted(placeholders(string).elements())}")
    assert not wrong, "placeholders or tags differ from the English:\n" + "\n".join(wrong)


def test_the_placeholder_finder():
    assert placeholders("%(n)s of %(total)s, %(n)s") == Counter({"%(n)s": 1, "%(total)s": 1})
    assert placeholders("%s and %s, 100% dijamin") == Counter({"%s": 2})
    assert placeholders("at most 15%%, 25%% of %(n)s") == Counter({"%%": 2, "%(n)s": 1})
    assert placeholders("{name} has {} and {{ count }}") == Counter(
        {"{name}": 1, "{}": 1, "{{ count }}": 1})
    assert placeholders("the header <code>Authorization</code>") == Counter(
        {"<code>": 1, "</code>": 1})
    assert placeholders("“%(value)s” bukan angka; 12,5") == Counter({"%(value)s": 1})


def _require_xgettext():
    if shutil.which("xgettext") is not None:
        return
    reason = "GNU gettext's xgettext is not installed (apt-get install gettext)"
    if os.environ.get("PASOK_REQUIRE_GETTEXT") == "1":
        pytest.fail(f"PASOK_REQUIRE_GETTEXT=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_translatable_string_in_the_code_is_in_the_catalogue(tmp_path, catalogue):
    """Extract afresh, exactly as `make messages` does, from a copy of the package: the copy's
    own settings point LOCALE_PATHS into the copy, so the real catalogue is never touched."""
    _require_xgettext()
    src = tmp_path / "src"
    copy = src / "pasok"
    shutil.copytree(PACKAGE_DIR, copy,
                    ignore=shutil.ignore_patterns("locale", "__pycache__", "*.pyc", "*.mo"))
    fresh_locale = copy / "locale"
    (tmp_path / "extraction_settings.py").write_text(
        "from pasok.settings import *  # noqa: F403\n"
        f"LOCALE_PATHS = [{str(fresh_locale)!r}]\n", encoding="utf-8")
    env = {
        **os.environ,
        # The copy is the `pasok` imported; the cwd (the copy, full of modules named like
        # api, urls, settings) is not put on sys.path.
        "PYTHONPATH": os.pathsep.join([str(src), str(tmp_path)]),
        "PYTHONSAFEPATH": "1",
        "DJANGO_SETTINGS_MODULE": "extraction_settings",
        "PASOK_VAR_DIR": str(tmp_path / "var"),
    }
    before = _digest(PO)
    result = subprocess.run(
        [sys.executable, "-m", "pasok.cli", "makemessages", "--locale", "id",
         "--ignore", "migrations/*", "--no-obsolete"],
        cwd=copy, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert _digest(PO) == before, "the extraction wrote to the real catalogue"
    assert result.returncode == 0, f"makemessages failed:\n{result.stdout}\n{result.stderr}"
    fresh_po = fresh_locale / "id" / "LC_MESSAGES" / "django.po"
    assert fresh_po.exists(), f"makemessages wrote no {fresh_po}:\n{result.stdout}"

    extracted = {_key(m): m for m in _messages(read_catalogue(fresh_po, strict=False))}
    assert len(extracted) > 100, "the extraction found suspiciously few strings"
    committed = {_key(m) for m in _messages(catalogue)}
    missing = [_label(extracted[key]) for key in extracted if key not in committed]
    where = PO.relative_to(PACKAGE_DIR.parent.parent)
    assert not missing, (f"{len(missing)} string(s) in the code are not in {where}; run "
                         "`make messages` and translate them:\n" + "\n".join(missing))


# What makemessages has xgettext look for (Django's keywords and xgettext's own): a
# translation function imported under any other name (`gettext_lazy as _lazy`) is never
# extracted, and its strings stay English on every Indonesian page.
EXTRACTED_NAMES = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy",
                   "pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"}


def test_translation_functions_keep_names_the_extraction_knows():
    import ast

    wrong = []
    for path in PACKAGE_DIR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
                wrong += [f"{path.relative_to(PACKAGE_DIR)}: {alias.name} as {alias.asname}"
                          for alias in node.names
                          if "gettext" in alias.name and alias.asname
                          and alias.asname not in EXTRACTED_NAMES]
    assert not wrong, "strings under these names are never extracted:\n" + "\n".join(wrong)


@pytest.fixture(scope="module")
def compiled_catalogue():
    """`make install` compiles the catalogue; compile it here too when the .mo is missing or
    older than the .po, so the pages below read the current translations."""
    if not MO.exists() or MO.stat().st_mtime < PO.stat().st_mtime:
        partial = MO.with_name(f"{MO.name}.{os.getpid()}.tmp")
        with partial.open("wb") as f:
            write_mo(f, read_catalogue(PO))
        os.replace(partial, MO)  # atomic: a parallel worker never reads half a file
        translation_file_changed(sender=None, file_path=MO)  # drop Django's cached catalogues
    return MO


@pytest.fixture
def _restore_language():
    previous = translation.get_language()
    yield
    translation.activate(previous)


@pytest.mark.usefixtures("compiled_catalogue", "_restore_language")
def test_pages_are_in_indonesian_by_default_and_in_english_on_request(client):
    html = client.get("/").content.decode()
    assert '<html lang="id">' in html
    assert "Masuk" in html and "Daftarkan pemasok" in html
    assert "Sign in" not in html

    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302

    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Sign in" in html and "Register a supplier" in html
    assert "Masuk" not in html
