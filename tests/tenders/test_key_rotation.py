"""Rotating the bid keys: with PASOK_BID_KEYS=NEW,OLD new bids are sealed with NEW and old
ones still open; `pasok bidkeys rotate` moves everything under NEW, after which OLD can go.
What a bid says, its documents and its receipt digest stay as they were."""

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import CommandError, call_command

from pasok.tenders import sealing
from pasok.tenders.models import Bid, BidDocument
from tests.tenders.files import nib_pdf
from tests.tenders.test_bid_documents import MARKER, _bid, tender  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def _opens_with(key: str, token) -> bool:
    try:
        Fernet(key).decrypt(bytes(token))
    except InvalidToken:
        return False
    return True


def test_rotation_moves_every_seal_under_the_first_key(cluster, tender, settings):  # noqa: F811
    settings.PASOK_BID_KEYS = OLD
    old_bid = _bid(cluster, tender, **{"NIB": nib_pdf(MARKER)})
    content, digest = sealing.unseal(old_bid.sealed), old_bid.digest

    settings.PASOK_BID_KEYS = f"{NEW},{OLD}"
    assert sealing.unseal(old_bid.sealed) == content  # still opens
    new_bid = _bid(cluster, tender, role="supplier_b")
    assert _opens_with(NEW, new_bid.sealed) and not _opens_with(OLD, new_bid.sealed)

    call_command("bidkeys_rotate")
    settings.PASOK_BID_KEYS = NEW
    old_bid.refresh_from_db()
    assert sealing.unseal(old_bid.sealed) == content and old_bid.digest == digest
    document = BidDocument.objects.get(bid=old_bid)
    assert sealing.unseal_bytes(document.sealed) == nib_pdf(MARKER).data
    for token in [*Bid.objects.values_list("sealed", flat=True),
                  *BidDocument.objects.values_list("sealed", flat=True)]:
        assert _opens_with(NEW, token) and not _opens_with(OLD, token)


def test_rotation_without_the_old_key_changes_nothing_and_says_why(cluster, tender,  # noqa: F811
                                                                    settings):
    settings.PASOK_BID_KEYS = OLD
    bid = _bid(cluster, tender)
    settings.PASOK_BID_KEYS = NEW  # OLD forgotten too early
    with pytest.raises(CommandError, match="list every key still in use"):
        call_command("bidkeys_rotate")
    bid.refresh_from_db()
    assert _opens_with(OLD, bid.sealed)
