"""Writes about organisations and people. Keyword-only, atomic, audited."""

import datetime as dt

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q, Sum
from django.utils.translation import gettext as _

from pasok import clock
from pasok.audit.services import audit_record, snapshot
from pasok.rules.size_class import size_class
from pasok.web import uploads
from pasok.web.links import base_url

from . import permissions
from .actors import SYSTEM, Actor, person_of, requires_actor
from .models import ApiToken, NibDocument, Organisation, OrgKind, OrgRole, User
from .validators import clean_nib, clean_npwp

ORGANISATION_FIELDS = (
    "name", "kind", "nib", "npwp", "business_capital", "annual_sales", "address", "district",
    "regency", "province", "latitude", "longitude", "email", "phone", "cooperative",
)
# What a verifier checked: changing any of these makes the organisation unverified again.
VERIFIED_FIELDS = ("name", "nib", "npwp", "business_capital", "annual_sales")
CONFIRM_SALT = "pasok.accounts.confirm-email"
CONFIRM_MAX_AGE = 3 * 24 * 3600
# A confirmation, invitation or password-reset link goes to one address at most this often.
RESEND_WAIT = dt.timedelta(minutes=5)
NIB_DOCUMENT_FIELDS = ["filename", "content_type", "size", "sha256"]


def _normalise_identity(org: Organisation) -> None:
    """Store identifiers as bare digits and derive the size class (PP 7/2021)."""
    errors = {}
    for field, clean in (("nib", clean_nib), ("npwp", clean_npwp)):
        value = getattr(org, field)
        if value:
            try:
                setattr(org, field, clean(value))
            except ValidationError as exc:
                errors[field] = exc.messages
    if errors:
        raise ValidationError(errors)
    if org.is_supplier_side and not org.nib:
        raise ValidationError({"nib": _("Suppliers and cooperatives must give their NIB.")})
    cls = size_class(business_capital=org.business_capital, annual_sales=org.annual_sales)
    org.size_class = cls.value if cls else ""


def _check_cooperative(org: Organisation) -> None:
    if org.cooperative_id and org.cooperative.kind != OrgKind.COOPERATIVE:
        raise ValidationError({"cooperative": _("Choose a cooperative.")})
    if org.cooperative_id and org.kind != OrgKind.SUPPLIER:
        raise ValidationError({"cooperative": _("Only suppliers can be members of a "
                                                "cooperative.")})


def _save_validated(org: Organisation) -> None:
    _normalise_identity(org)
    _check_cooperative(org)
    org.full_clean()
    org.save()


@requires_actor
@transaction.atomic
def organisation_create(*, by: Actor, verified: bool = False, **fields) -> Organisation:
    """Create an organisation: for the sign-up (by the system), the demo data and the bulk
    import, which check who may first.

    A supplier-side organisation starts unverified unless `verified` and `by` may verify it.
    """
    unknown = set(fields) - set(ORGANISATION_FIELDS)
    if unknown:
        raise TypeError(f"unknown organisation fields: {sorted(unknown)}")
    org = Organisation(created_at=clock.now(), **fields)
    _save_validated(org)
    if org.is_supplier_side:
        from pasok.suppliers.services import profile_ensure

        profile_ensure(organisation=org)
    audit_record(actor=by, action="organisation.create", obj=org, organisation=org,
                 after=snapshot(org))
    if verified:
        organisation_verify(by=by, organisation=org)
    return org


@requires_actor
@transaction.atomic
def organisation_update(*, by: Actor, organisation: Organisation, **fields) -> Organisation:
    if not permissions.may(by, permissions.CHANGE, organisation):
        raise PermissionDenied
    unknown = set(fields) - set(ORGANISATION_FIELDS) - {"kind"}
    if unknown or "kind" in fields:
        raise TypeError(f"these fields cannot be changed here: {sorted(unknown | {'kind'})}")
    org = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = snapshot(org)
    for name, value in fields.items():
        setattr(org, name, value)
    _save_validated(org)
    if org.verified_at and any(str(getattr(org, f)) != str(before[f]) for f in VERIFIED_FIELDS):
        org.verified_at = org.verified_by = None
        org.save(update_fields=["verified_at", "verified_by"])
    audit_record(actor=by, action="organisation.update", obj=org, organisation=org,
                 before=before, after=snapshot(org))
    if org.is_supplier_side:
        from pasok.suppliers.services import profile_reindex

        profile_reindex(organisation=org)
    return org


@requires_actor
@transaction.atomic
def organisation_verify(*, by: Actor, organisation: Organisation,
                        notify: bool = True) -> Organisation:
    """Mark a supplier or cooperative verified: `by` checked its NIB document and that its
    NIB, NPWP and size class are right. Its people are told (unless `notify` is False, as for
    the demo data); the system verifies silently."""
    if not permissions.may(by, permissions.VERIFY, organisation):
        raise PermissionDenied
    org = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if not org.is_supplier_side:
        raise ValidationError(_("Only suppliers and cooperatives are verified."))
    if not org.is_active:
        raise ValidationError(_("%(name)s has not confirmed its e-mail address yet; verify it "
                                "once it has.") % {"name": org.name})
    if org.verified_at is not None:
        return org
    before = snapshot(org, ["verified_at", "verified_by_id"])
    org.verified_at = clock.now()
    org.verified_by = person_of(by)
    org.save(update_fields=["verified_at", "verified_by"])
    audit_record(actor=by, action="organisation.verify", obj=org, organisation=org,
                 before=before, after=snapshot(org, ["verified_at", "verified_by_id"]))
    if notify and person_of(by) is not None:
        from .tasks import send_verification_notice

        links = base_url()  # the request's address, for the e-mails' links
        transaction.on_commit(lambda: send_verification_notice.enqueue(
            organisation_id=org.pk, base_url=links))
    return org


def _store_nib_document(*, by: Actor, organisation: Organisation,
                        upload: uploads.Upload) -> NibDocument:
    """Check and keep `upload` as the organisation's NIB document, replacing the one before.
    A verified organisation becomes unverified: the verifier checked the old document."""
    try:
        content_type = uploads.check(_("NIB document"), upload)
    except ValidationError as exc:
        raise ValidationError({"nib_document": exc.messages}) from exc
    existing = NibDocument.objects.select_for_update().filter(
        organisation=organisation).first()
    before = snapshot(existing, NIB_DOCUMENT_FIELDS) if existing else None
    document = existing or NibDocument(organisation=organisation)
    document.filename = uploads.clean_filename(upload.filename)
    document.content_type = content_type
    document.size = len(upload.data)
    document.sha256 = upload.sha256
    document.data = upload.data
    document.uploaded_at = clock.now()
    document.uploaded_by = person_of(by)
    document.save()
    after = snapshot(document, NIB_DOCUMENT_FIELDS)
    if existing and organisation.verified_at is not None:
        Organisation.objects.filter(pk=organisation.pk).update(verified_at=None,
                                                               verified_by=None)
        before["verified_at"], after["verified_at"] = organisation.verified_at, None
        organisation.verified_at = organisation.verified_by = None
    audit_record(actor=by, action="nib_document.upload", obj=document,
                 organisation=organisation, before=before, after=after)
    return document


@requires_actor
@transaction.atomic
def nib_document_upload(*, by: Actor, organisation: Organisation,
                        upload: uploads.Upload) -> NibDocument:
    """The organisation's people who may change it (or its cooperative) give a new NIB
    document (and the system, for the demo data)."""
    if not permissions.may(by, permissions.CHANGE, organisation):
        raise PermissionDenied
    org = Organisation.objects.select_for_update().get(pk=organisation.pk)
    return _store_nib_document(by=by, organisation=org, upload=upload)


def _check_may_add_person(by: Actor, organisation: Organisation | None,
                          platform_role: str = "") -> None:
    if not permissions.may_add_person(by, organisation, platform_role):
        raise PermissionDenied


@requires_actor
@transaction.atomic
def user_create(*, by: Actor, email: str, full_name: str, password: str | None,
                organisation: Organisation | None, org_role: str = OrgRole.VIEWER,
                platform_role: str = "", is_active: bool = True,
                language: str = settings.LANGUAGE_CODE) -> User:
    """Create a person. Only the system, platform admins, or an admin of the same organisation
    may add people."""
    _check_may_add_person(by, organisation, platform_role)
    email = User.objects.normalize_email(email).lower()
    if User.objects.filter(email=email).exists():
        raise ValidationError({"email": _("An account with this e-mail already exists.")})
    user = User(email=email, full_name=full_name, organisation=organisation, org_role=org_role,
                platform_role=platform_role, is_active=is_active, language=language,
                date_joined=clock.now(),
                is_staff=platform_role == "platform_admin",
                is_superuser=platform_role == "platform_admin")
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    audit_record(actor=by, action="user.create", obj=user, organisation=organisation,
                 after=snapshot(user, ["email", "full_name", "organisation_id", "org_role",
                                       "platform_role", "is_active", "language"]))
    return user


def _send_invitation(*, by: User, person: User) -> None:
    from .tasks import send_invitation_email

    User.objects.filter(pk=person.pk).update(link_sent_at=clock.now())
    links = base_url()  # the request's address, for the e-mail's link
    transaction.on_commit(lambda: send_invitation_email.enqueue(
        user_id=person.pk, invited_by=by.full_name, base_url=links))


@requires_actor
@transaction.atomic
def person_invite(*, by: User, email: str, full_name: str, org_role: str) -> User | None:
    """An organisation's admin adds a colleague, who sets a password from the e-mail. The
    colleague's pages and mail start in the admin's language.

    Whether an address has an account in another organisation is not the admin's business:
    then nothing is made (None), the page answers as for a new address, and the address's
    owner is told by e-mail who wanted to add them. (One of the admin's own people is on the
    people page anyway: that one is refused with the reason.)"""
    _check_may_add_person(by, by.organisation)
    taken = User.objects.filter(email=User.objects.normalize_email(email).lower()).exclude(
        organisation_id=by.organisation_id).first()
    if taken is not None:
        from .tasks import send_invitation_attempt_notice

        user_id, links, inviter = taken.pk, base_url(), by.name_with_organisation
        transaction.on_commit(lambda: send_invitation_attempt_notice.enqueue(
            user_id=user_id, invited_by=inviter, base_url=links))
        return None
    user = user_create(by=by, email=email, full_name=full_name, password=None,
                       organisation=by.organisation, org_role=org_role, language=by.language)
    _send_invitation(by=by, person=user)
    return user


@requires_actor
@transaction.atomic
def person_reinvite(*, by: User, person: User) -> None:
    """A new invitation link for a colleague who has not chosen a password yet (the last one
    expired or got lost); sent by an admin of their organisation."""
    if not permissions.may_manage_colleagues(by, person):
        raise PermissionDenied
    person = User.objects.select_for_update().get(pk=person.pk)
    if person.has_usable_password() or not person.is_active:
        raise ValidationError(_("%(name)s has already chosen a password; “Forgot your "
                                "password?” on the sign-in page sends a new one.")
                              % {"name": person.full_name})
    if person.link_sent_at and clock.now() - person.link_sent_at < RESEND_WAIT:
        raise ValidationError(_("An invitation went to %(email)s a few minutes ago; wait a "
                                "little before sending another.") % {"email": person.email})
    audit_record(actor=by, action="user.reinvite", obj=person, organisation=person.organisation,
                 after={"email": person.email})
    _send_invitation(by=by, person=person)


def password_reset_link_due(*, user: User) -> bool:
    """Whether "Forgot your password?" may mail `user` a link now: at most one every
    RESEND_WAIT, however often it is asked (the page answers the same either way), so that
    nobody floods a mailbox with it. Claimed in one UPDATE: of two asks at once, one mails."""
    now = clock.now()
    return bool(User.objects.filter(pk=user.pk).filter(
        Q(link_sent_at__isnull=True) | Q(link_sent_at__lte=now - RESEND_WAIT)).update(
        link_sent_at=now))


def _send_confirmation(user: User) -> None:
    from .tasks import send_confirmation_email

    User.objects.filter(pk=user.pk).update(link_sent_at=clock.now())
    links = base_url()  # the request's address, for the e-mail's link
    transaction.on_commit(lambda: send_confirmation_email.enqueue(user_id=user.pk,
                                                                  base_url=links))


class _AddressTaken(Exception):
    def __init__(self, user: User):
        self.user = user


def supplier_signup(*, email: str, full_name: str, password: str, nib_document: uploads.Upload,
                    language: str = settings.LANGUAGE_CODE, **org_fields) -> User | None:
    """A foundry signs itself up: an unverified supplier organisation with its NIB document
    and its first admin, inactive until the e-mail address is confirmed. The confirmation
    mail goes out as a background task once the transaction commits, in `language` (the
    page's).

    Whether an address has an account is nobody's business: for an address in use the
    business's details are checked the same way, then nothing is kept (None), and the
    address's owner is told that someone tried (the page answers as for a new address)."""
    try:
        return _signup(email=email, full_name=full_name, password=password,
                       nib_document=nib_document, language=language, **org_fields)
    except _AddressTaken as taken:
        make_password(password)  # as long as a new account's hashing takes: time tells nothing
        from .tasks import send_signup_attempt_notice

        user_id, links = taken.user.pk, base_url()
        transaction.on_commit(lambda: send_signup_attempt_notice.enqueue(user_id=user_id,
                                                                         base_url=links))
        return None


@transaction.atomic
def _signup(*, email: str, full_name: str, password: str, nib_document: uploads.Upload,
            language: str, **org_fields) -> User:
    _purge_stale_signup(nib=org_fields.get("nib"))
    org = organisation_create(by=SYSTEM, kind=OrgKind.SUPPLIER, email=email, **org_fields)
    taken = User.objects.filter(email=User.objects.normalize_email(email).lower()).first()
    if taken is not None:
        raise _AddressTaken(taken)  # after the business's checks; rolls the organisation back
    org.is_active = False
    org.save(update_fields=["is_active"])
    user = user_create(by=SYSTEM, email=email, full_name=full_name, password=password,
                       organisation=org, org_role=OrgRole.ADMIN, is_active=False,
                       language=language)
    _store_nib_document(by=user, organisation=org, upload=nib_document)
    _send_confirmation(user)
    return user


def _purge_stale_signup(*, nib: str | None) -> None:
    """A sign-up never confirmed within the lifetime of its latest link gives its NIB back."""
    if not nib:
        return
    try:
        digits = clean_nib(nib)
    except ValidationError:
        return  # organisation_create reports the bad NIB
    expired = clock.now() - dt.timedelta(seconds=CONFIRM_MAX_AGE)
    stale = (Organisation.objects.filter(nib=digits, is_active=False, created_at__lt=expired)
             .annotate(last_link=Max("users__link_sent_at")).first())
    if stale is None or stale.users.filter(is_active=True).exists():
        return
    if stale.last_link is not None and stale.last_link >= expired:
        return
    audit_record(actor=SYSTEM, action="organisation.purge_unconfirmed", obj=stale,
                 organisation=stale, before=snapshot(stale))
    stale.users.all().delete()
    stale.delete()


@transaction.atomic
def confirmation_resend(*, email: str) -> None:
    """A new confirmation link when a sign-up waiting for its confirmation uses `email`, at
    most one every few minutes. Says nothing either way: whether an address has an account is
    nobody's business."""
    user = (User.objects.select_for_update().awaiting_confirmation()
            .filter(email=User.objects.normalize_email(email).lower())
            .select_related("organisation").first())
    if user is None:
        return
    if user.link_sent_at and clock.now() - user.link_sent_at < RESEND_WAIT:
        return
    audit_record(actor=SYSTEM, action="user.confirmation_resend", obj=user,
                 organisation=user.organisation, after={"email": user.email})
    _send_confirmation(user)


@transaction.atomic
def user_language_set(*, user: User, language: str) -> None:
    """The language a signed-in person chose with the switch: their pages, e-mails and
    notifications speak it from now on."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose one of the languages offered.")})
    if user.language == language:
        return
    before = {"language": user.language}
    User.objects.filter(pk=user.pk).update(language=language)
    user.language = language
    audit_record(actor=user, action="user.language", obj=user, organisation=user.organisation,
                 before=before, after={"language": language})


@transaction.atomic
def password_changed(*, user: User) -> None:
    """Django's password views (a reset or invitation link, the change page) wrote a new
    password; this records it (never the password), revokes the person's API tokens — whoever
    knew the old password may have made them — and lifts a pause on signing in to the
    account, since only the person can have chosen it."""
    audit_record(actor=user, action="user.password_set", obj=user,
                 organisation=user.organisation, after={"password": "changed"})
    for token in ApiToken.objects.filter(user=user).select_for_update():
        audit_record(actor=user, action="api_token.revoke_on_password", obj=token,
                     organisation=user.organisation, before=_token_facts(token))
        token.delete()
    axes_reset(username=user.email)


@requires_actor
@transaction.atomic
def sign_in_unlock(*, by: User, person: User) -> None:
    """A platform admin lifts the pause on signing in to `person`'s account (too many wrong
    passwords, pasok.accounts.login_throttle); a pause of a client address ends by itself."""
    if not permissions.may_unlock_sign_in(by):
        raise PermissionDenied
    failures = AccessAttempt.objects.filter(username=person.email).aggregate(
        n=Sum("failures_since_start"))["n"]
    axes_reset(username=person.email)
    audit_record(actor=by, action="user.sign_in_unlock", obj=person,
                 organisation=person.organisation, before={"failed_sign_ins": failures or 0},
                 after={"failed_sign_ins": 0})


class _ClockSigner(signing.TimestampSigner):
    """Django's timestamped signature, timed by pasok.clock: a link's age is measured on the
    same clock as every other deadline (and tests can age it)."""

    def timestamp(self):
        return signing.b62_encode(int(clock.now().timestamp()))

    def unsign(self, value, max_age=None):
        value, timestamp = signing.Signer.unsign(self, value).rsplit(self.sep, 1)
        age = clock.now().timestamp() - signing.b62_decode(timestamp)
        if max_age is not None and age > max_age:
            raise signing.SignatureExpired(f"Signature age {age} > {max_age} seconds")
        return value


def confirmation_token(user: User) -> str:
    return _ClockSigner(salt=CONFIRM_SALT).sign(str(user.pk))


@transaction.atomic
def user_confirm_email(*, token: str) -> User:
    try:
        user_id = _ClockSigner(salt=CONFIRM_SALT).unsign(token, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise ValidationError(_("This confirmation link has expired. Ask for a new one: it "
                                "is valid for three days.")) from exc
    except signing.BadSignature as exc:
        raise ValidationError(_("This confirmation link is not valid.")) from exc
    user = User.objects.select_for_update().get(pk=int(user_id))
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
        Organisation.objects.filter(pk=user.organisation_id).update(is_active=True)
        audit_record(actor=user, action="user.confirm_email", obj=user,
                     organisation=user.organisation, before={"is_active": False},
                     after={"is_active": True})
    return user


@requires_actor
@transaction.atomic
def api_token_create(*, by: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `by`, valid PASOK_API_TOKEN_DAYS; returns the record and the secret,
    which is never stored."""
    if not by.is_authenticated:
        raise PermissionDenied
    secret = ApiToken.new_secret()
    now = clock.now()
    token = ApiToken.objects.create(user=by, name=name, prefix=secret[4:12],
                                    digest=ApiToken.digest_of(secret), created_at=now,
                                    expires_at=now + dt.timedelta(
                                        days=settings.PASOK_API_TOKEN_DAYS))
    audit_record(actor=by, action="api_token.create", obj=token, organisation=by.organisation,
                 after={"name": name, "prefix": token.prefix, "expires_at": token.expires_at})
    return token, secret


def _token_facts(token: ApiToken) -> dict:
    return {"name": token.name, "prefix": token.prefix}


@requires_actor
@transaction.atomic
def api_token_revoke(*, by: User, token: ApiToken) -> None:
    if token.user_id != by.pk:
        raise PermissionDenied
    audit_record(actor=by, action="api_token.revoke", obj=token, organisation=by.organisation,
                 before=_token_facts(token))
    token.delete()
