"""Indonesia's three time zones by province.

Keputusan Presiden Nomor 41 Tahun 1987 (Pembagian Wilayah Republik Indonesia menjadi 3 (tiga)
Wilayah Waktu), Pasal 2:

- WIB, Waktu Indonesia Barat (UTC+7): the provinces of Sumatra, Java and Madura, West and
  Central Kalimantan;
- WITA, Waktu Indonesia Tengah (UTC+8): Bali, West and East Nusa Tenggara, South and East
  Kalimantan, and Sulawesi;
- WIT, Waktu Indonesia Timur (UTC+9): Maluku and Irian Jaya (Papua).

Provinces formed since (Bengkulu, Riau Islands, Bangka Belitung and Banten out of Sumatra and
Java; North Kalimantan out of East Kalimantan in 2012; Gorontalo and West Sulawesi; North
Maluku; West Papua and the four Papua provinces of 2022) keep the zone of the province they
were part of. The IANA zones are those the tz database uses for each area (Asia/Jakarta,
Asia/Makassar, Asia/Jayapura), and print as WIB, WITA and WIT.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class TimeZone:
    abbreviation: str
    iana: str
    utc_offset_hours: int


WIB = TimeZone("WIB", "Asia/Jakarta", 7)
WITA = TimeZone("WITA", "Asia/Makassar", 8)
WIT = TimeZone("WIT", "Asia/Jayapura", 9)

# Province names as in pasok.accounts.regions (Permendagri kode wilayah).
ZONE_OF_PROVINCE = {
    **dict.fromkeys((
        "Aceh", "Sumatera Utara", "Sumatera Barat", "Riau", "Jambi", "Sumatera Selatan",
        "Bengkulu", "Lampung", "Kepulauan Bangka Belitung", "Kepulauan Riau",
        "DKI Jakarta", "Jawa Barat", "Jawa Tengah", "DI Yogyakarta", "Jawa Timur", "Banten",
        "Kalimantan Barat", "Kalimantan Tengah",
    ), WIB),
    **dict.fromkeys((
        "Bali", "Nusa Tenggara Barat", "Nusa Tenggara Timur",
        "Kalimantan Selatan", "Kalimantan Timur", "Kalimantan Utara",
        "Sulawesi Utara", "Sulawesi Tengah", "Sulawesi Selatan", "Sulawesi Tenggara",
        "Gorontalo", "Sulawesi Barat",
    ), WITA),
    **dict.fromkeys((
        "Maluku", "Maluku Utara", "Papua", "Papua Barat", "Papua Selatan", "Papua Tengah",
        "Papua Pegunungan", "Papua Barat Daya",
    ), WIT),
}

# Where no province is known (a platform administrator, an organisation without an address):
# the capital's zone, which is also the zone of the Ceper cluster.
DEFAULT = WIB


def zone_of_province(province: str | None) -> TimeZone:
    """The time zone of `province` (a name from pasok.accounts.regions), WIB when unknown."""
    return ZONE_OF_PROVINCE.get(province or "", DEFAULT)
