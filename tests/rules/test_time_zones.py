"""Time zones by province (Keppres 41/1987): every one of the 38 provinces, written out
independently of the module, and the tz database agreeing on offset and abbreviation."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pasok.accounts.regions import PROVINCES
from pasok.rules.time_zones import WIB, WIT, WITA, zone_of_province

EXPECTED = {
    # Sumatra
    "Aceh": "WIB", "Sumatera Utara": "WIB", "Sumatera Barat": "WIB", "Riau": "WIB",
    "Jambi": "WIB", "Sumatera Selatan": "WIB", "Bengkulu": "WIB", "Lampung": "WIB",
    "Kepulauan Bangka Belitung": "WIB", "Kepulauan Riau": "WIB",
    # Java
    "DKI Jakarta": "WIB", "Jawa Barat": "WIB", "Jawa Tengah": "WIB", "DI Yogyakarta": "WIB",
    "Jawa Timur": "WIB", "Banten": "WIB",
    # Kalimantan: west and centre WIB, the rest WITA
    "Kalimantan Barat": "WIB", "Kalimantan Tengah": "WIB", "Kalimantan Selatan": "WITA",
    "Kalimantan Timur": "WITA", "Kalimantan Utara": "WITA",
    # Bali and Nusa Tenggara
    "Bali": "WITA", "Nusa Tenggara Barat": "WITA", "Nusa Tenggara Timur": "WITA",
    # Sulawesi
    "Sulawesi Utara": "WITA", "Sulawesi Tengah": "WITA", "Sulawesi Selatan": "WITA",
    "Sulawesi Tenggara": "WITA", "Gorontalo": "WITA", "Sulawesi Barat": "WITA",
    # Maluku and Papua
    "Maluku": "WIT", "Maluku Utara": "WIT", "Papua": "WIT", "Papua Barat": "WIT",
    "Papua Selatan": "WIT", "Papua Tengah": "WIT", "Papua Pegunungan": "WIT",
    "Papua Barat Daya": "WIT",
}


def test_the_table_covers_all_38_provinces():
    assert len(PROVINCES) == 38
    assert set(EXPECTED) == set(PROVINCES)


@pytest.mark.parametrize("province", PROVINCES)
def test_each_province_has_its_zone(province):
    assert zone_of_province(province).abbreviation == EXPECTED[province]


@pytest.mark.parametrize(("zone", "hours"), [(WIB, 7), (WITA, 8), (WIT, 9)])
def test_the_tz_database_agrees_on_offset_and_name(zone, hours):
    moment = dt.datetime(2026, 12, 1, 7, 0, tzinfo=dt.UTC).astimezone(ZoneInfo(zone.iana))
    assert moment.utcoffset() == dt.timedelta(hours=hours) == dt.timedelta(
        hours=zone.utc_offset_hours)
    assert moment.tzname() == zone.abbreviation


@pytest.mark.parametrize("unknown", [None, "", "Jawa Tenggara"])
def test_no_province_means_wib(unknown):
    assert zone_of_province(unknown) == WIB


@given(st.sampled_from(PROVINCES),
       st.datetimes(min_value=dt.datetime(1988, 1, 1), max_value=dt.datetime(2100, 1, 1),
                    timezones=st.just(dt.UTC)))
def test_no_zone_observes_daylight_saving(province, moment):
    """Indonesia keeps one offset all year (since Keppres 41/1987): any instant reads the
    zone's fixed offset and name."""
    zone = zone_of_province(province)
    local = moment.astimezone(ZoneInfo(zone.iana))
    assert local.utcoffset() == dt.timedelta(hours=zone.utc_offset_hours)
    assert local.tzname() == zone.abbreviation
