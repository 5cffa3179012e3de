"""The bounds of the numbers of a capability profile and of a capability search, from the
SupplierProfile's fields (web.number_bounds) and these plausibility limits: the profile form,
the search form, the API's schemas and the services check these."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from pasok.web.number_bounds import bounds_of

from .models import SupplierProfile

# A single foundry melting more than 20,000 t a month would be among the largest in the
# world; above this a figure is a typing error (often kg entered as grams).
MAX_MONTHLY_CAPACITY_KG = 20_000_000
MAX_CASTING_WEIGHT_KG = Decimal(100_000)
# More people than the largest Indonesian employer has: a typing error.
MAX_WORKFORCE = 1_000_000

PROFILE = {
    "weight_min_kg": bounds_of(SupplierProfile, "weight_min_kg", minimum=0,
                               above_minimum=True, maximum=MAX_CASTING_WEIGHT_KG),
    "weight_max_kg": bounds_of(SupplierProfile, "weight_max_kg", minimum=0,
                               above_minimum=True, maximum=MAX_CASTING_WEIGHT_KG),
    "monthly_capacity_kg": bounds_of(SupplierProfile, "monthly_capacity_kg",
                                     maximum=MAX_MONTHLY_CAPACITY_KG),
    "workforce_total": bounds_of(SupplierProfile, "workforce_total", maximum=MAX_WORKFORCE),
    "workforce_women": bounds_of(SupplierProfile, "workforce_women", maximum=MAX_WORKFORCE),
}

# A search compares with these columns: what they cannot hold matches nothing and is refused.
SEARCH_WEIGHT_MIN = bounds_of(SupplierProfile, "weight_min_kg",
                              label=_("casting weight from (kg)"), minimum=0)
SEARCH_WEIGHT_MAX = bounds_of(SupplierProfile, "weight_max_kg",
                              label=_("casting weight to (kg)"), minimum=0)
SEARCH_NEED_KG = bounds_of(SupplierProfile, "monthly_capacity_kg",
                           label=_("kg needed that month"), minimum=1)
SEARCH_FREE_KG = bounds_of(SupplierProfile, "monthly_capacity_kg",
                           label=_("free capacity that month (kg)"))
