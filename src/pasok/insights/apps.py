from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    """The ministry's view of the cluster (and a cooperative's of its members): the dashboard,
    imported alternatives and the fair comparison with the local product, early warnings of
    substitution, and what-if scenarios of orders, jobs and the multiplier effect. The
    calculations are pure (rules.scenario, rules.import_threat, rules.early_warning); this app
    reads the platform's data into them and keeps what people record and save."""

    name = "pasok.insights"
    verbose_name = _("Insights")
