"""The import threat measured fairly (rules.import_threat): cost per month of service, the
preference and the cascade of rules.preference, and the break-even local price and life."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pasok.rules import import_threat as it
from pasok.rules.preference import Bid, admissible_tiers, tier_of

D = Decimal


def brake_blocks(**changes) -> it.Comparison:
    """DOMAIN.md's brake blocks: the local cast-iron one at Rp110.000 lasting a month, an
    imported composite one (an illustrative Rp480.000) lasting five; the local TKDN 45%."""
    figures = {"local_price": D(110_000), "local_life_months": D(1),
               "local_tkdn_percent": D(45), "import_price": D(480_000),
               "import_life_months": D(5), "units_per_year": 100_000}
    return it.compare(**(figures | changes))


# --- the worked example, by hand ---------------------------------------------------------

def test_brake_blocks_cost_per_month():
    c = brake_blocks()
    # 110.000 / 1 = 110.000 a month against 480.000 / 5 = 96.000: the import is cheaper.
    assert c.local.per_month == D(110_000)
    assert c.imported.per_month == D(96_000)
    assert c.without_preference == it.IMPORT_CHEAPER
    assert c.local.per_1000_km is None


def test_brake_blocks_with_the_preference():
    c = brake_blocks()
    # Package 100.000 × 480.000 = Rp48 miliar > Rp1 miliar; TKDN 45% ≥ 25%:
    # KP = 45% × 25% = 0,1125, HEA a month = 0,8875 × 110.000 = 97.625 > 96.000.
    assert c.package_value == D(48_000_000_000)
    assert c.preference_applies
    assert c.local.kp == D("0.1125")
    assert c.local.hea_per_month == D(97_625)
    assert c.imported.kp == 0 and c.imported.hea_per_month == D(96_000)
    assert c.verdict == it.IMPORT_CHEAPER


def test_brake_blocks_cascade_forbids_the_import():
    c = brake_blocks()
    # TKDN 45% (+ BMP 0) ≥ 40%: tier a, so only domestic products with TKDN ≥ 25% may be
    # bought, however cheap the import.
    assert c.local.tier == "a" and c.imported.tier == "import"
    assert c.cascade == it.DOMESTIC_REQUIRED
    assert c.admissible_tiers == ("a", "b")
    assert c.buyer_must_buy == "local"


def test_brake_blocks_break_even():
    c = brake_blocks()
    # The local block wins at 96.000 × 1 = Rp96.000, or with the preference at
    # 96.000 / 0,8875 = Rp108.169,01…; or lasting 110.000 / 96.000 = 1,1458… months, with
    # the preference 97.625 / 96.000 = 1,0169… months.
    assert c.break_even_price == D(96_000)
    assert round(c.break_even_price_with_preference, 2) == D("108169.01")
    assert round(c.break_even_life_months, 4) == D("1.1458")
    assert round(c.break_even_life_with_preference_months, 4) == D("1.0169")


def test_per_thousand_km():
    # 10.000 km a month: 110.000 per 10.000 km = 11.000 per 1.000 km; 96.000 → 9.600.
    c = brake_blocks(km_per_month=D(10_000))
    assert c.local.per_1000_km == D(11_000)
    assert c.imported.per_1000_km == D(9_600)


def test_the_preference_can_turn_the_verdict():
    # At Rp105.000: 105.000 > 96.000, but 0,8875 × 105.000 = 93.187,5 < 96.000.
    c = brake_blocks(local_price=D(105_000))
    assert c.without_preference == it.IMPORT_CHEAPER
    assert c.verdict == it.LOCAL_WINS_WITH_PREFERENCE


def test_small_package_no_preference():
    # 2.000 × 480.000 = Rp960 juta ≤ Rp1 miliar: no preference.
    c = brake_blocks(units_per_year=2_000, local_price=D(105_000))
    assert not c.preference_applies and c.local.kp == 0
    assert c.verdict == it.IMPORT_CHEAPER
    assert c.break_even_price_with_preference == c.break_even_price


def test_market_offer_without_volume_has_no_package():
    c = brake_blocks(units_per_year=None)
    assert c.package_value == 0 and not c.preference_applies


def test_low_tkdn_still_domestic_but_no_preference():
    # TKDN 20%: tier c, admissible alone, so still no import; no preference below 25%.
    c = brake_blocks(local_tkdn_percent=D(20))
    assert c.local.tier == "c" and c.admissible_tiers == ("c",)
    assert c.cascade == it.DOMESTIC_REQUIRED and not c.preference_applies


def test_no_domestic_product_lets_the_import_in():
    # Without a TKDN value nor SIINas registration the local product counts as no domestic
    # product (preference.tier_of): the import is admissible and the cheaper one is bought.
    c = brake_blocks(local_tkdn_percent=None)
    assert c.cascade == it.IMPORT_ADMISSIBLE and c.buyer_must_buy == "import"
    assert brake_blocks(local_tkdn_percent=None, local_siinas_registered=True).cascade == \
        it.DOMESTIC_REQUIRED


def test_equal_costs_go_to_the_local_product():
    c = brake_blocks(local_price=D(96_000), local_tkdn_percent=None)
    assert c.without_preference == it.EQUAL and c.buyer_must_buy == "local"


@pytest.mark.parametrize("field", ["local_price", "local_life_months", "import_price",
                                   "import_life_months"])
def test_figures_must_be_positive(field):
    with pytest.raises(ValueError, match=field):
        brake_blocks(**{field: D(0)})


# --- properties --------------------------------------------------------------------------

prices = st.decimals(min_value=D(1000), max_value=D(10_000_000), places=2)
lives = st.decimals(min_value=D("0.25"), max_value=D(120), places=2)
tkdns = st.one_of(st.none(), st.decimals(min_value=D(0), max_value=D(100), places=2))
bmps = st.decimals(min_value=D(0), max_value=D(15), places=2)
units = st.one_of(st.none(), st.integers(min_value=1, max_value=1_000_000))


def _close(a: Decimal, b: Decimal) -> bool:
    return abs(a - b) <= abs(b) * D("1e-20")


@settings(max_examples=200)
@given(prices, lives, tkdns, prices, lives, units)
def test_break_even_price_makes_the_costs_equal(price, life, tkdn, imp_price, imp_life, n):
    c = it.compare(local_price=price, local_life_months=life, local_tkdn_percent=tkdn,
                   import_price=imp_price, import_life_months=imp_life, units_per_year=n)
    assert _close(c.break_even_price / life, c.imported.per_month)
    assert _close((1 - c.local.kp) * c.break_even_price_with_preference / life,
                  c.imported.per_month)
    assert _close(price / c.break_even_life_months, c.imported.per_month)
    assert _close((1 - c.local.kp) * price / c.break_even_life_with_preference_months,
                  c.imported.per_month)


@settings(max_examples=200)
@given(prices, lives, tkdns, prices, lives, units, st.decimals(min_value=D("0.01"),
                                                                max_value=D(60), places=2))
def test_a_longer_import_life_never_makes_the_import_worse(price, life, tkdn, imp_price,
                                                           imp_life, n, more):
    before, after = (it.compare(local_price=price, local_life_months=life,
                                local_tkdn_percent=tkdn, import_price=imp_price,
                                import_life_months=months, units_per_year=n)
                     for months in (imp_life, imp_life + more))
    rank = {it.LOCAL_CHEAPER: 0, it.EQUAL: 1, it.LOCAL_WINS_WITH_PREFERENCE: 1,
            it.IMPORT_CHEAPER: 2}
    assert after.imported.per_month < before.imported.per_month
    assert rank[after.without_preference] >= rank[before.without_preference]
    assert not (before.buyer_must_buy == "import" and after.buyer_must_buy == "local")


@settings(max_examples=200)
@given(prices, lives, tkdns, prices, lives, units)
def test_the_preference_never_makes_the_local_product_worse(price, life, tkdn, imp_price,
                                                            imp_life, n):
    c = it.compare(local_price=price, local_life_months=life, local_tkdn_percent=tkdn,
                   import_price=imp_price, import_life_months=imp_life, units_per_year=n)
    assert c.local.hea_per_month <= c.local.per_month
    assert c.break_even_price_with_preference >= c.break_even_price
    assert c.break_even_life_with_preference_months <= c.break_even_life_months
    if c.without_preference != it.IMPORT_CHEAPER:
        assert c.verdict == c.without_preference


@settings(max_examples=200)
@given(tkdns, bmps, st.booleans(), prices, lives, prices, lives, units)
def test_the_cascade_depends_only_on_the_local_product(tkdn, bmp, siinas, price, life,
                                                       imp_price, imp_life, n):
    c = it.compare(local_price=price, local_life_months=life, local_tkdn_percent=tkdn,
                   local_bmp_percent=bmp, local_siinas_registered=siinas,
                   import_price=imp_price, import_life_months=imp_life, units_per_year=n)
    local = Bid(id="l", price=D(1), origin="domestic", tkdn_percent=tkdn, bmp_percent=bmp,
                siinas_registered=siinas)
    allowed = admissible_tiers([tier_of(local)[0], "import"])
    assert set(c.admissible_tiers) == allowed
    assert (c.cascade == it.IMPORT_ADMISSIBLE) == ("import" in allowed)
    if c.cascade == it.DOMESTIC_REQUIRED:
        assert c.buyer_must_buy == "local"


def test_the_cascade_bars_an_import_beside_a_domestic_product_of_tkdn_25_or_more():
    from pasok.rules.import_threat import import_admissible

    # Pasal 66(2) a–b: TKDN ≥ 25% leaves only domestic products; below, the import stays
    # out too (tier c before imports); with no TKDN value and no SIINas registration the
    # local product counts as no domestic product, and the import is admissible.
    assert not import_admissible(Decimal(25)) and not import_admissible(Decimal("47.5"))
    assert not import_admissible(Decimal("24.99"))
    assert import_admissible(None)
