import hashlib
import secrets
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from pasok import clock
from pasok.rules.size_class import SizeClass as Size
from pasok.rules.time_zones import zone_of_province

from .kinds import BUYER_KINDS, SUPPLIER_SIDE, OrgKind
from .permissions import RestrictedQuerySet
from .regions import PROVINCE_CHOICES
from .validators import validate_nib, validate_npwp

SIZE_LABELS = {Size.MICRO: _("Micro"), Size.SMALL: _("Small"), Size.MEDIUM: _("Medium"),
               Size.LARGE: _("Large")}
# The classes of PP 7/2021 (pasok.rules.size_class, their one definition) with their labels.
SizeClass = models.TextChoices("SizeClass", [(c.name, (c.value, SIZE_LABELS[c])) for c in Size])


class OrganisationQuerySet(RestrictedQuerySet):
    def supplier_side(self):
        return self.filter(kind__in=SUPPLIER_SIDE)


class Organisation(models.Model):
    """A legal entity on Pasok: a foundry, a cooperative, a buyer or the ministry."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OrgKind.choices, db_index=True)
    nib = models.CharField(_("NIB"), max_length=13, unique=True, null=True, blank=True,
                           validators=[validate_nib])
    npwp = models.CharField(_("NPWP"), max_length=16, blank=True, validators=[validate_npwp])
    business_capital = models.DecimalField(
        _("business capital (Rp)"), max_digits=18, decimal_places=0, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    annual_sales = models.DecimalField(
        _("annual sales (Rp)"), max_digits=18, decimal_places=0, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    # Derived from capital or sales by pasok.rules.size_class in the services; stored because
    # search filters on it.
    size_class = models.CharField(
        _("size class"), max_length=10, choices=SizeClass.choices, blank=True, db_index=True
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    district = models.CharField(_("district (kecamatan)"), max_length=100, blank=True)
    regency = models.CharField(_("regency / city"), max_length=100, blank=True, db_index=True)
    province = models.CharField(
        _("province"), max_length=60, choices=PROVINCE_CHOICES, blank=True, db_index=True
    )
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True,
                                   blank=True,
                                   validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True,
                                    blank=True,
                                    validators=[MinValueValidator(-180), MaxValueValidator(180)])
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    cooperative = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="members",
        limit_choices_to={"kind": OrgKind.COOPERATIVE}, verbose_name=_("cooperative"),
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("verified by"),
    )
    created_at = models.DateTimeField(_("created at"))
    # False from a supplier's sign-up until its e-mail address is confirmed.
    is_active = models.BooleanField(_("active"), default=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(business_capital__gte=0) | models.Q(business_capital=None),
                name="organisation_capital_not_negative",
                violation_error_message=_("Business capital cannot be negative."),
            ),
            models.CheckConstraint(
                condition=models.Q(annual_sales__gte=0) | models.Q(annual_sales=None),
                name="organisation_sales_not_negative",
                violation_error_message=_("Annual sales cannot be negative."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def is_supplier_side(self) -> bool:
        return self.kind in SUPPLIER_SIDE

    @property
    def is_buyer(self) -> bool:
        return self.kind in BUYER_KINDS

    @property
    def is_cooperative(self) -> bool:
        return self.kind == OrgKind.COOPERATIVE


class OrgRole(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    STAFF = "staff", _("Staff")
    VIEWER = "viewer", _("Viewer")


class PlatformRole(models.TextChoices):
    NONE = "", _("None")
    MINISTRY_OFFICER = "ministry_officer", _("Ministry officer")
    PLATFORM_ADMIN = "platform_admin", _("Platform administrator")


class UserQuerySet(RestrictedQuerySet):
    def awaiting_confirmation(self):
        """Sign-ups whose e-mail address is not confirmed yet: the person and their
        organisation stay inactive until the link is used."""
        return self.filter(is_active=False, organisation__is_active=False)



class UserManager(BaseUserManager.from_queryset(UserQuerySet)):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.update(is_staff=True, is_superuser=True,
                      platform_role=PlatformRole.PLATFORM_ADMIN)
        return self.create_user(email, password, **fields)


class User(AbstractUser):
    """A person. Signs in with e-mail; belongs to one organisation with a role, and may hold a
    platform role (ministry officer, platform administrator)."""

    username = None
    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="users",
        verbose_name=_("organisation"),
    )
    org_role = models.CharField(_("role in organisation"), max_length=10,
                                choices=OrgRole.choices, default=OrgRole.VIEWER)
    platform_role = models.CharField(_("platform role"), max_length=20,
                                     choices=PlatformRole.choices, default="", blank=True)
    # Pages, e-mails and notifications speak it: chosen at sign-up (the page's language) and
    # whenever the person switches language while signed in.
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE)
    # When a confirmation or invitation link last went out: resending waits a while, and an
    # unconfirmed sign-up gives its NIB back only once its latest link has expired.
    link_sent_at = models.DateTimeField(_("link last sent"), null=True, blank=True,
                                        editable=False)
    first_name = None
    last_name = None

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]
    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    @property
    def name_with_organisation(self) -> str:
        """"Sri Wahyuni (PT Kereta Api Indonesia)", as sentences about what someone did
        name them."""
        name = self.full_name or self.email
        return f"{name} ({self.organisation.name})" if self.organisation_id else name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def is_platform_admin(self) -> bool:
        return self.platform_role == PlatformRole.PLATFORM_ADMIN

    @property
    def is_ministry_officer(self) -> bool:
        return self.platform_role == PlatformRole.MINISTRY_OFFICER

    @property
    def is_org_admin(self) -> bool:
        return self.organisation_id is not None and self.org_role == OrgRole.ADMIN

    @property
    def can_write_for_org(self) -> bool:
        """Admins and staff act for their organisation; viewers only read."""
        return self.organisation_id is not None and self.org_role in (OrgRole.ADMIN,
                                                                      OrgRole.STAFF)

    @property
    def org_kind(self) -> str | None:
        return self.organisation.kind if self.organisation_id else None

    @property
    def time_zone(self) -> ZoneInfo:
        """The zone of the organisation's province (WIB without one); moments on the person's
        pages and in their e-mails are printed in it."""
        province = self.organisation.province if self.organisation_id else None
        return ZoneInfo(zone_of_province(province).iana)


class ApiToken(models.Model):
    """A bearer token for integrations. Only a SHA-256 digest is stored; the token itself is
    shown once, when it is made."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"))
    # Refused from then on (PASOK_API_TOKEN_DAYS after it was made).
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        return clock.now() >= self.expires_at

    @staticmethod
    def new_secret() -> str:
        return "pst_" + secrets.token_urlsafe(32)

    @staticmethod
    def digest_of(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()


class Notification(models.Model):
    """An in-app message to one person (e-mail carries the same news)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    text = models.CharField(_("message"), max_length=300)
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"))
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return self.text


class WithoutContent(models.Manager):
    """Leaves the file's bytes out: `organisation.nib_document` (and the admin) read the
    metadata only; the download asks for the bytes through `objects`."""

    def get_queryset(self):
        return super().get_queryset().defer("data")


class NibDocument(models.Model):
    """The NIB (Nomor Induk Berusaha) document an organisation gave for its verification: the
    OSS print-out, as PDF, JPEG or PNG (pasok.web.uploads). One per organisation; a new
    upload replaces it. The bytes live in the database, so they are backed up with the rest
    and never reachable as a public media file."""

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE,
                                        related_name="nib_document",
                                        verbose_name=_("organisation"))
    filename = models.CharField(_("file name"), max_length=150)
    content_type = models.CharField(_("content type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    data = models.BinaryField()
    uploaded_at = models.DateTimeField(_("uploaded at"))
    uploaded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("uploaded by"))

    objects = RestrictedQuerySet.as_manager()
    without_content = WithoutContent()

    class Meta:
        base_manager_name = "without_content"
        verbose_name = _("NIB document")
        verbose_name_plural = _("NIB documents")

    def __str__(self):
        return self.filename
