from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    """What an award becomes: contracts (single orders and framework contracts), their
    versions and signatures, partnership commitments, call-off orders and deliveries."""

    name = "pasok.contracts"
    verbose_name = _("Contracts")
