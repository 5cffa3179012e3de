"""Who may see and do what is decided in one module, pasok/accounts/permissions.py: no other
module reads a person's role to decide access, nor defines its own row filter (issue 11).
Like the permission matrix, which walks every route, this walks every source file, so a new
check elsewhere fails here instead of drifting from the rules."""

import re
from pathlib import Path

import pasok

SRC = Path(pasok.__file__).parent
PERMISSIONS = SRC / "accounts" / "permissions.py"
# Where the roles are defined (the User model's properties), and the demo's data.
DEFINED = {SRC / "accounts" / "models.py"}
DATA = {SRC / "demo"}

ROLE_READ = re.compile(
    r"\.(is_platform_admin|is_ministry_officer|is_org_admin|can_write_for_org|is_superuser"
    r"|is_staff|org_kind)\b"
    r"|\.(platform_role|org_role)\s*(==|!=|\bin\b)")
OWN_FILTER = re.compile(r"def (visible_to|restrict|wholly_visible_to)\(|def may_\w+\(")


def _sources():
    for path in sorted(SRC.rglob("*")):
        if path.suffix not in (".py", ".html") or "migrations" in path.parts:
            continue
        if path == PERMISSIONS or path in DEFINED or any(d in path.parents for d in DATA):
            continue
        yield path


def _hits(pattern) -> list[str]:
    found = []
    for path in _sources():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                found.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    return found


def test_no_module_but_the_permission_module_reads_a_role():
    assert _hits(ROLE_READ) == []


def test_no_module_but_the_permission_module_filters_rows_by_person():
    # Regulations' own questions (rules/: may a business bid on a reserved lot) are rules
    # of the domain, not of who is asking.
    assert [h for h in _hits(OWN_FILTER) if not h.startswith("rules/")] == []


def test_the_walk_sees_what_it_forbids(tmp_path):
    """The patterns catch the checks they are for (a walk that finds nothing proves
    nothing)."""
    assert ROLE_READ.search("if request.user.is_platform_admin:")
    assert ROLE_READ.search("{% if user.can_write_for_org %}")
    assert ROLE_READ.search("user.org_role == OrgRole.ADMIN")
    assert not ROLE_READ.search("is_staff=platform_role == 'platform_admin'")
    assert OWN_FILTER.search("    def visible_to(self, user):")
    assert OWN_FILTER.search("def may_list_plans(user) -> bool:")
    assert len(list(_sources())) > 100
