"""What a tender may ask for: bounds that refuse nonsense before it reaches the database.

None of these is a regulation; they are the widest values a real package of castings needs,
chosen so that every amount computed from them (lot value, a bid's total, HEA) fits the
columns that store it (HEA: 18 digits with 2 decimals)."""

import datetime as dt
from decimal import Decimal

MAX_LOT_QUANTITY = 10_000_000  # units in one lot
MAX_UNIT_WEIGHT_KG = Decimal(100_000)  # one casting of 100 t
MAX_UNIT_PRICE = Decimal(10_000_000_000)  # Rp10 miliar per unit (HPS and bids)
MAX_PACKAGE_VALUE = Decimal(10_000_000_000_000)  # Rp10 triliun: Σ HPS × quantity
MAX_SCHEDULE_MONTHS = 60  # a delivery schedule of at most five years
MAX_DEADLINE_AHEAD = dt.timedelta(days=365)  # bids close within a year of saving
