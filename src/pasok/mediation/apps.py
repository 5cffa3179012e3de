from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediationConfig(AppConfig):
    """Business matching (temu bisnis) run by the ministry, followed to orders: who came,
    which buyer and foundry were paired, how far each pairing got and the follow-ups
    (tindak lanjut) that move it on."""

    name = "pasok.mediation"
    verbose_name = _("Business matching")
