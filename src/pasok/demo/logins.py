"""The demo accounts: `pasok demo` creates them and `pasok run` prints them.

Every demo account shares one published password, which is why `pasok demo` refuses to write
into a database that already holds organisations or people.
"""

DEMO_PASSWORD = "pasok-demo-2026"  # noqa: S105 - published on purpose, demo data only
DEMO_DOMAIN = "demo.pasok.id"

# (role, e-mail), one login per role, in the order `pasok run` prints them.
DEMO_LOGINS = (
    ("Platform administrator", f"admin@{DEMO_DOMAIN}"),
    ("Ministry officer (Kemenperin, Ditjen IKMA)", f"kemenperin@{DEMO_DOMAIN}"),
    ("Buyer administrator, PT Kereta Api Indonesia", f"kai@{DEMO_DOMAIN}"),
    ("Buyer, PT INKA", f"inka@{DEMO_DOMAIN}"),
    ("Automotive buyer, PT Astra Otoparts", f"otoparts@{DEMO_DOMAIN}"),
    ("Cooperative administrator, Koperasi Batur Jaya", f"koperasi@{DEMO_DOMAIN}"),
    ("Foundry administrator, verified cooperative member", f"anggota@{DEMO_DOMAIN}"),
    ("Foundry administrator, unverified independent", f"mandiri@{DEMO_DOMAIN}"),
    ("Viewer (read-only), PT Kereta Api Indonesia", f"pemantau@{DEMO_DOMAIN}"),
)


def login_lines() -> list[str]:
    """The demo logins as `pasok demo` and `pasok run` print them."""
    width = max(len(role) for role, _email in DEMO_LOGINS)
    return [f"Demo logins (password: {DEMO_PASSWORD}):",
            *(f"  {role:<{width}}  {email}" for role, email in DEMO_LOGINS)]
