"""The accounts app's audit actions in words (see pasok.audit.actions)."""

from django.utils.translation import gettext_lazy as _

from pasok.audit.actions import Action, Detail

ACTIONS = [
    Action("organisation.create", _("Organisation registered"),
           _("%(actor)s registered %(object)s")),
    Action("organisation.update", _("Organisation details changed"),
           _("%(actor)s changed the details of %(object)s")),
    Action("organisation.verify", _("Organisation verified"),
           _("%(actor)s verified %(object)s")),
    Action("organisation.purge_unconfirmed", _("Unconfirmed registration removed"),
           _("%(actor)s removed the registration of %(object)s, never confirmed")),
    Action("nib_document.upload", _("NIB document given"),
           _("%(actor)s gave the NIB document of %(organisation)s"),
           {"size": Detail(kind="file_size"),
            "verified_at": Detail(_("verified at"), kind="moment")}),
    Action("user.create", _("Person added"), _("%(actor)s added %(object)s")),
    Action("user.reinvite", _("Invitation sent again"),
           _("%(actor)s sent %(object)s a new invitation")),
    Action("user.confirmation_resend", _("Confirmation link sent again"),
           _("%(actor)s sent %(object)s a new confirmation link")),
    Action("user.confirm_email", _("E-mail address confirmed"),
           _("%(actor)s confirmed their e-mail address")),
    Action("user.password_set", _("Password chosen"), _("%(actor)s chose a new password"),
           {"password": Detail(kind="hidden")}),
    Action("user.sign_in_unlock", _("Sign-in unpaused"),
           _("%(actor)s lifted the pause on signing in to the account of %(object)s"),
           {"failed_sign_ins": Detail(_("failed sign-ins"), kind="number")}),
    Action("user.language", _("Language switched"),
           _("%(actor)s switched their language")),
    Action("api_token.create", _("API token made"),
           _("%(actor)s made the API token %(object)s"),
           {"prefix": Detail(_("starts with"), kind="text"),
            "expires_at": Detail(_("expires"), kind="moment")}),
    Action("api_token.revoke", _("API token revoked"),
           _("%(actor)s revoked the API token %(object)s"),
           {"prefix": Detail(_("starts with"), kind="text")}),
    Action("api_token.revoke_on_password", _("API token revoked by a new password"),
           _("%(actor)s chose a new password, which revoked the API token %(object)s"),
           {"prefix": Detail(_("starts with"), kind="text")}),
]
