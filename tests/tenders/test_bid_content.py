"""Typed bid terms: what sealing writes (BidContent.sealed) reads back (BidContent.of) to the
same terms and the same receipt digest, for every bid (the submitted bid's own case:
test_sealed_bids.test_a_submitted_bid_seals_exactly_its_terms)."""

import json

from hypothesis import given
from hypothesis import strategies as st

from pasok.tenders import sealing
from pasok.tenders.content import BidContent, Member

money = st.decimals(min_value=1, max_value=10_000_000_000, places=2)
percent = st.decimals(min_value=0, max_value=100, places=2)
units = st.integers(min_value=1, max_value=10_000_000)
text = st.text(min_size=1, max_size=30)
document = st.none() | st.fixed_dictionaries({"kind": st.just("certificate"), "number": text,
                                              "product": text, "self_declared": st.booleans()})
members = st.lists(st.builds(
    Member, organisation=st.integers(1, 10**6), name=text, quantity=units,
    tkdn_percent=percent, bmp_percent=percent,
    source=st.sampled_from(["", "certificate:3", "worksheet_version:9"]),
    document=document).map(lambda m: m if m.source else Member(
        m.organisation, m.name, m.quantity, None, None, "", None)), max_size=4)
terms = st.builds(
    BidContent, unit_price=money, quantity=units, total_price=st.none() | money,
    monthly_capacity=units, origin=st.sampled_from(["domestic", "import"]),
    tkdn_percent=st.none() | percent, bmp_percent=percent,
    tkdn_source=st.sampled_from(["", "members", "certificate:12"]), tkdn_document=document,
    siinas_registered=st.booleans(),
    documents=st.dictionaries(text, st.fixed_dictionaries({"filename": text,
                                                           "sha256": st.just("ab" * 32)}),
                              max_size=2),
    members=members.map(tuple), nonce=st.text("0123456789abcdef", min_size=32, max_size=32),
    lot=st.integers(1, 99), bidder=st.integers(1, 10**6))


@given(terms)
def test_what_is_sealed_reads_back_to_the_same_terms_and_digest(c):
    opened = json.loads(sealing.canonical(c.sealed()))  # as opening stores it
    assert BidContent.of(opened) == c
    assert sealing.digest(BidContent.of(opened).sealed()) == sealing.digest(c.sealed())


def test_bid_terms_are_read_only_through_bid_content():
    """Issue 11: `grep opened_content[` finds only the unsealing code. Every reader goes through
    Bid.content (BidContent.of); the raw JSON is touched only where sealing writes it and
    unsealing reads it. Migrations are left out: they are frozen history and must read the
    JSON as it was when they were written, not through today's dataclass."""
    import re
    from pathlib import Path

    import pasok

    src = Path(pasok.__file__).parent
    raw_key = re.compile(r"opened_content\s*(\[|\.get\(|\.items\(|\.keys\()")
    found = [f"{path.relative_to(src)}:{number}"
             for path in sorted(src.rglob("*.py")) if "migrations" not in path.parts
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if raw_key.search(line)]
    assert found == []
