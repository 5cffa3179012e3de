"""The kinds of organisation on Pasok (their one definition): imported by the models and by the
permission module, which imports no model."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    SUPPLIER = "supplier", _("Supplier (UKM/IKM)")
    COOPERATIVE = "cooperative", _("Cooperative")
    BUMN_BUYER = "bumn_buyer", _("BUMN buyer")
    PRIVATE_BUYER = "private_buyer", _("Private buyer")
    MINISTRY = "ministry", _("Ministry")


SUPPLIER_SIDE = (OrgKind.SUPPLIER, OrgKind.COOPERATIVE)
BUYER_KINDS = (OrgKind.BUMN_BUYER, OrgKind.PRIVATE_BUYER)
