from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RfqsConfig(AppConfig):
    """Requests for quotation (permintaan penawaran harga) of private buyers to foundries:
    sealed quotations, their comparison, a sample order and its first-article results, the
    approval, and the contract it leads to."""

    name = "pasok.rfqs"
    verbose_name = _("Requests for quotation")
