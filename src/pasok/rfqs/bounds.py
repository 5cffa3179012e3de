"""The bounds of the numbers an RFQ and a quotation take (web.number_bounds): the forms'
fields and the services check these, so a number the page refuses the service refuses too."""

from django.utils.translation import gettext_lazy as _

from pasok.tenders import bounds as tender_bounds
from pasok.tenders import limits
from pasok.web.number_bounds import Bounds, bounds_of

from .models import Rfq, SampleOrder

UNIT_WEIGHT_KG = bounds_of(Rfq, "unit_weight_kg", minimum=0, above_minimum=True,
                           maximum=limits.MAX_UNIT_WEIGHT_KG)
ANNUAL_VOLUME = bounds_of(Rfq, "annual_volume", minimum=1, maximum=limits.MAX_LOT_QUANTITY)
TARGET_UNIT_PRICE = bounds_of(Rfq, "target_unit_price", minimum=0, above_minimum=True,
                              maximum=limits.MAX_UNIT_PRICE, money=True)
# A quotation's price and capacity are a bid's (tenders.bounds).
UNIT_PRICE = tender_bounds.UNIT_PRICE
MONTHLY_CAPACITY = tender_bounds.MONTHLY_CAPACITY
LEAD_TIME_WEEKS = Bounds(label=_("lead time (weeks)"), minimum=1, maximum=104, places=0)
SAMPLE_QUANTITY = bounds_of(SampleOrder, "quantity", minimum=1, maximum=1000)
