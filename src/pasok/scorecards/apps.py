from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScorecardsConfig(AppConfig):
    """How both sides keep their word, month by month: a supplier's deliveries, quality and
    local content; a buyer's payments, spend with small business, local content and
    partnership commitments (rules.scorecards). No models: read from the contracts,
    inspection and payments apps."""

    name = "pasok.scorecards"
    verbose_name = _("Scorecards")
