from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TkdnConfig(AppConfig):
    name = "pasok.tkdn"
    verbose_name = _("Local content (TKDN)")
