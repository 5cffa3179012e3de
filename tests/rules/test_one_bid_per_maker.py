"""One maker, one bid per lot (rules.one_bid_per_maker): worked examples, and the properties
that make it the rule — no maker in two standing bids, every bid set aside for an earlier
standing one it shares a maker with, and nothing set aside without such a bid."""

from hypothesis import given
from hypothesis import strategies as st

from pasok.rules.one_bid_per_maker import LotBid, SetAside, set_aside

MEMBER, OTHER, COOPERATIVE, OUTSIDER = 1, 2, 3, 4


def _bid(id_, received, *makers):
    return LotBid(id_, received, frozenset(makers))


def test_the_member_bid_first_so_the_cooperatives_later_bid_is_set_aside():
    own = _bid(10, 1, MEMBER)
    cooperative = _bid(11, 2, MEMBER, OTHER)  # the cooperative names the member
    assert set_aside([cooperative, own]) == {11: SetAside(maker=MEMBER, earlier=10)}


def test_the_cooperative_bid_first_so_the_members_later_bid_is_set_aside():
    cooperative = _bid(11, 1, MEMBER, OTHER)
    own = _bid(10, 2, MEMBER)
    assert set_aside([own, cooperative]) == {10: SetAside(maker=MEMBER, earlier=11)}


def test_a_cooperative_naming_every_member_bars_only_their_later_bids():
    cooperative = _bid(1, 5, MEMBER, OTHER)
    early, late = _bid(2, 4, MEMBER), _bid(3, 6, OTHER)
    # The member that bid first stands and so sets the cooperative aside; with the
    # cooperative out, the other member's later bid stands.
    assert set_aside([cooperative, early, late]) == {1: SetAside(maker=MEMBER, earlier=2)}


def test_bids_without_a_shared_maker_all_stand_and_ties_go_by_id():
    assert set_aside([_bid(1, 1, MEMBER), _bid(2, 1, OTHER), _bid(3, 1, OUTSIDER)]) == {}
    assert set_aside([_bid(8, 1, MEMBER), _bid(7, 1, MEMBER, OTHER)]) == {
        8: SetAside(maker=MEMBER, earlier=7)}
    assert set_aside([]) == {}


bids = st.lists(st.tuples(st.integers(0, 5), st.frozensets(st.integers(1, 6), min_size=1,
                                                           max_size=3)),
                max_size=8).map(lambda rows: [LotBid(i, received, makers)
                                              for i, (received, makers) in enumerate(rows)])


@given(bids)
def test_no_maker_is_in_two_standing_bids(lot_bids):
    out = set_aside(lot_bids)
    standing = [b for b in lot_bids if b.id not in out]
    makers = [m for b in standing for m in b.makers]
    assert len(makers) == len(set(makers))


@given(bids)
def test_every_bid_set_aside_shares_a_maker_with_an_earlier_standing_bid(lot_bids):
    out = set_aside(lot_bids)
    by_id = {b.id: b for b in lot_bids}
    for bid_id, why in out.items():
        bid, earlier = by_id[bid_id], by_id[why.earlier]
        assert why.earlier not in out
        assert why.maker in bid.makers & earlier.makers
        assert (earlier.received, earlier.id) < (bid.received, bid.id)


@given(bids)
def test_a_bid_stands_when_no_standing_bid_shares_a_maker(lot_bids):
    """Nothing is set aside beyond what the rule needs: a bid set aside could not stand
    beside the bids that stand."""
    out = set_aside(lot_bids)
    standing = {m for b in lot_bids if b.id not in out for m in b.makers}
    for bid in lot_bids:
        if bid.id in out:
            assert bid.makers & standing
    if lot_bids:
        first = min(lot_bids, key=lambda b: (b.received, b.id))
        assert first.id not in out
