"""Sealed bid content: encrypted at rest, with a key that is not in the database.

- The key comes from PASOK_BID_KEYS (Fernet keys, comma-separated; the first seals, all
  unseal, so keys can be rotated: `reseal`, run by `pasok bidkeys rotate`, moves what the
  older keys sealed under the first). Without it, in development only, a key is derived
  from SECRET_KEY (pasok.keys). Either way a database dump alone reads nothing.
- The receipt digest is SHA-256 of the canonical content, which includes a random nonce the
  bidder gets in the receipt: a low-entropy price cannot be guessed from the digest, and at
  opening everyone can recompute it from the revealed content.
- A bid's documents (files) are sealed the same way (seal_bytes); the content carries each
  file's SHA-256, so the receipt digest covers the documents too.
"""

import hashlib
import json
import secrets
from decimal import Decimal

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from pasok.keys import bid_key_list, derived_bid_key


def _fernet() -> MultiFernet:
    keys = bid_key_list(getattr(settings, "PASOK_BID_KEYS", ""))
    if not keys:
        if not settings.DEBUG:
            raise ImproperlyConfigured("PASOK_BID_KEYS must be set in production")
        keys = [derived_bid_key(settings.SECRET_KEY)]
    return MultiFernet([Fernet(k) for k in keys])


CANNOT_OPEN = "the sealed content cannot be opened with the configured keys"


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"cannot seal {type(value).__name__}")


def canonical(content: dict) -> bytes:
    """One byte string per content: sorted keys, no spaces, decimals as text."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=_plain).encode()


def digest(content: dict) -> str:
    return hashlib.sha256(canonical(content)).hexdigest()


def new_nonce() -> str:
    return secrets.token_hex(16)


def seal(content: dict) -> bytes:
    return _fernet().encrypt(canonical(content))


def unseal(token: bytes) -> dict:
    return json.loads(unseal_bytes(token))


def seal_bytes(data: bytes) -> bytes:
    """A bid's document as sealed as its content: same keys, same rotation."""
    return _fernet().encrypt(bytes(data))


def unseal_bytes(token: bytes) -> bytes:
    try:
        return _fernet().decrypt(bytes(token))
    except InvalidToken as exc:
        raise ValueError(CANNOT_OPEN) from exc


def reseal(token: bytes) -> bytes:
    """The same sealed bytes under the first key, whichever key sealed them (rotation)."""
    try:
        return _fernet().rotate(bytes(token))
    except InvalidToken as exc:
        raise ValueError(CANNOT_OPEN) from exc
