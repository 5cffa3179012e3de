"""An organisation's kind is spelled once, as OrgKind (accounts/kinds.py): code compares with
its members or asks the model (`is_cooperative`, `is_supplier_side`, `is_buyer`), so a kind
renamed or added cannot leave a raw "cooperative" behind that silently stops matching
(issue 11). Migrations keep the strings they were written with."""

import re
from pathlib import Path

import pasok

SRC = Path(pasok.__file__).parent
KINDS = SRC / "accounts" / "kinds.py"

# A kind's value where a kind is compared, filtered, given or keyed ("supplier" and
# "cooperative" are field and dict names too, so only next to `kind`); the buyers' values
# mean nothing else, anywhere.
RAW_KIND = re.compile(
    r"""["'](bumn_buyer|private_buyer)["']"""
    r"""|kind\w*["']?\s*(==|!=|=|:|\bin\b)\s*[(\[{]?\s*["'](supplier|cooperative|ministry)["']"""
    r"""|["'](supplier|cooperative|ministry)["']\s*(==|!=)\s*[\w.]*kind\b""")


def _sources():
    for path in sorted(SRC.rglob("*")):
        if path.suffix in (".py", ".html", ".txt") and "migrations" not in path.parts \
                and path != KINDS:
            yield path


def test_no_raw_kind_strings_outside_the_kinds_module():
    found = [f"{path.relative_to(SRC)}:{number}: {line.strip()}"
             for path in _sources()
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if RAW_KIND.search(line)]
    assert found == []


def test_the_walk_sees_what_it_forbids():
    for line in ('if bidder.kind == "cooperative":', "kind='supplier'",
                 '{"kind": "ministry"}', 'kind__in=("supplier", "cooperative")',
                 '{% if org.kind != "cooperative" %}', '"supplier" == org.kind',
                 '("kai", KAI, "bumn_buyer", "Jl. Perintis")', "kind='private_buyer'"):
        assert RAW_KIND.search(line), line
    for line in ('select_related("cooperative")', '{"supplier": sid, "units": 3}',
                 'kind="ref"', 'run.kind == "replan"', "kind=OrgKind.COOPERATIVE",
                 'orgs["cooperative"]'):
        assert not RAW_KIND.search(line), line
