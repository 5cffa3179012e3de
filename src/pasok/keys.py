"""The signing key and the keys that seal bids: development's published ones, and what
production demands of the environment before Pasok starts.

Read by settings.py before Django is set up, so nothing here imports Django's models or
settings. Development (PASOK_DEBUG=1) may run on the development keys, which are in this
file and so public; production refuses them, and refuses to start without its own.
"""

import base64

from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.core.exceptions import ImproperlyConfigured

DEVELOPMENT_SECRET_KEY = "pasok-development-only-secret-key-not-for-production"  # noqa: S105
# Django's own deploy check (security.W009) asks as much of a secret key.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_CHARACTERS = 5

MAKE_SECRET_KEY = "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"  # noqa: S105
# A Fernet key is 32 random bytes in url-safe base64; plain Python makes one.
MAKE_BID_KEY = ("python3 -c 'import base64, os; "
                "print(base64.urlsafe_b64encode(os.urandom(32)).decode())'")
DEVELOPMENT_HINT = "For development on this machine, set PASOK_DEBUG=1 instead (`make run` does)."


def derived_bid_key(secret_key: str) -> str:
    """Development's bid key, derived from the secret key, so `make run` needs no setup."""
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                   info=b"pasok bid sealing").derive(secret_key.encode())
    return base64.urlsafe_b64encode(derived).decode()


def bid_key_list(value: str) -> list[str]:
    """PASOK_BID_KEYS as a list: comma-separated, the first seals, every one opens."""
    return [k.strip() for k in value.split(",") if k.strip()]


def production_secret_key(value: str) -> str:
    """PASOK_SECRET_KEY as production needs it, or ImproperlyConfigured saying what to do."""
    if not value:
        problem = "PASOK_SECRET_KEY is not set"
    elif value == DEVELOPMENT_SECRET_KEY:
        problem = "PASOK_SECRET_KEY is the published development key"
    elif (len(value) < SECRET_KEY_MIN_LENGTH
          or len(set(value)) < SECRET_KEY_MIN_CHARACTERS):
        problem = (f"PASOK_SECRET_KEY is too weak (at least {SECRET_KEY_MIN_LENGTH} "
                   f"characters, at least {SECRET_KEY_MIN_CHARACTERS} different ones)")
    else:
        return value
    raise ImproperlyConfigured(
        f"{problem}. In production (PASOK_DEBUG unset or 0) Pasok signs sessions, password "
        f"resets and e-mail links with it. Make one with\n  {MAKE_SECRET_KEY}\n"
        f"and keep it secret. {DEVELOPMENT_HINT}")


def production_bid_keys(value: str) -> str:
    """PASOK_BID_KEYS as production needs it, or ImproperlyConfigured saying what to do."""
    keys = bid_key_list(value)
    development = derived_bid_key(DEVELOPMENT_SECRET_KEY)
    problem = None
    if not keys:
        problem = "PASOK_BID_KEYS is not set"
    elif development in keys:
        problem = "PASOK_BID_KEYS holds the published development key"
    else:
        for number, key in enumerate(keys, start=1):
            try:
                Fernet(key)
            except ValueError:
                problem = (f"PASOK_BID_KEYS: key {number} is not a Fernet key "
                           "(32 bytes, url-safe base64)")
                break
    if problem is None:
        return ",".join(keys)
    raise ImproperlyConfigured(
        f"{problem}. In production (PASOK_DEBUG unset or 0) Pasok seals every bid with these "
        f"keys (comma-separated: the first seals, every one opens). Make one with\n"
        f"  {MAKE_BID_KEY}\nand keep it apart from the database and its backups: whoever "
        f"holds both can open every sealed bid. {DEVELOPMENT_HINT}")
