from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from pasok.rules.bid_checks import check_price


def test_the_unit_price_governs_a_miswritten_total():
    # 40,000 blocks at Rp109,500 = Rp4,380,000,000; the letter said Rp4,380,500,000.
    check = check_price(unit_price=Decimal(109_500), quantity=40_000,
                        stated_total=Decimal(4_380_500_000), hps_unit_price=Decimal(115_000))
    assert check.corrected and check.corrected_total == Decimal(4_380_000_000)
    assert not check.above_owner_estimate


def test_a_bid_above_the_owner_estimate_is_set_aside():
    check = check_price(unit_price=Decimal(116_000), quantity=100, stated_total=None,
                        hps_unit_price=Decimal(115_000))
    assert check.above_owner_estimate and not check.corrected


def test_exactly_the_owner_estimate_stays_in():
    assert not check_price(unit_price=Decimal(115_000), quantity=7, stated_total=None,
                           hps_unit_price=Decimal(115_000)).above_owner_estimate


@given(st.integers(1, 10**7), st.integers(1, 10**5), st.integers(1, 10**7))
def test_correction_is_unit_price_times_quantity(unit, quantity, hps):
    check = check_price(unit_price=Decimal(unit), quantity=quantity,
                        stated_total=Decimal(unit * quantity), hps_unit_price=Decimal(hps))
    assert not check.corrected
    assert check.above_owner_estimate == (unit > hps)
