"""The bounds of the numbers a lot and a bid take, from the Lot's fields and limits.py
(web.number_bounds): the draft editor's and the bid form's fields, the API's schemas and the
services all check these, so a number the page refuses the API refuses too."""

from django.utils.translation import gettext_lazy as _

from pasok.web.number_bounds import Bounds, bounds_of

from . import limits
from .models import Lot

HPS_UNIT_PRICE = bounds_of(Lot, "hps_unit_price", minimum=0, above_minimum=True, money=True)
UNIT_WEIGHT_KG = bounds_of(Lot, "unit_weight_kg", minimum=0, above_minimum=True)
LOT_QUANTITY = bounds_of(Lot, "quantity")
# A bid's price per unit is compared with the HPS per unit and stored as precisely.
UNIT_PRICE = bounds_of(Lot, "hps_unit_price", label=_("unit price"), minimum=0,
                       above_minimum=True, money=True)
BID_QUANTITY = bounds_of(Lot, "quantity", label=_("quantity offered"))
MONTHLY_CAPACITY = bounds_of(Lot, "quantity", label=_("monthly capacity offered"))
MEMBER_QUANTITY = bounds_of(Lot, "quantity", label=_("member's quantity"))
TOTAL_PRICE = Bounds(label=_("total price"), minimum=0, above_minimum=True, money=True,
                     maximum=limits.MAX_UNIT_PRICE * limits.MAX_LOT_QUANTITY,
                     places=UNIT_PRICE.places)
