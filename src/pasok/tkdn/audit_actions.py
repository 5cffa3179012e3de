"""The local-content app's audit actions in words (see pasok.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from pasok.audit.actions import Action, Detail

ACTIONS = [
    Action("worksheet.save", _("TKDN worksheet saved"),
           _("%(actor)s saved the TKDN worksheet %(object)s"),
           {"product": Detail(_("product"), kind="text"),
            "version": Detail(_("version"), kind="number"),
            "tkdn_percent": Detail(_("TKDN"), kind="percent")}),
    Action("bmp.declare", _("BMP declared"), _("%(actor)s declared the BMP of %(organisation)s"),
           {"claims": Detail(_("claims"), kind="count"),
            "bmp_percent": Detail(_("BMP"), kind="percent")}),
    Action("tkdn_certificate.record", _("TKDN certificate recorded"),
           _("%(actor)s recorded the TKDN certificate %(object)s"),
           {"tkdn_percent": Detail(_("TKDN"), kind="percent"),
            "bmp_percent": Detail(_("BMP"), kind="percent")}),
    Action("tkdn_certificate.expiry_warning", _("TKDN expiry warning sent"),
           _("%(actor)s warned that the TKDN certificate %(object)s expires soon"),
           {"reminded_days": Detail(_("days before expiry"), kind="number"),
            "recipients": Detail(_("people warned"), kind="number")}),
]
