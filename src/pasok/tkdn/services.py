"""Writes of local-content records. Keyword-only, atomic, audited; the arithmetic is in
pasok.rules (tkdn, bmp) so the pages, the API and the CLI compute the same."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.actors import person_of, requires_actor
from pasok.accounts.models import Organisation
from pasok.audit.services import audit_record, snapshot
from pasok.rules.bmp import BmpClaim, bmp_percent, claims_without_evidence
from pasok.rules.money import round_half_up
from pasok.rules.tkdn import (
    CERTIFICATE_YEARS,
    WEIGHTS,
    Regime,
    WorksheetError,
    compute,
    regime_on,
)
from pasok.rules.tkdn_json import result_to_dict, worksheet_from_dict

from .models import (
    REGIME_CHOICES,
    BmpDeclaration,
    TkdnCertificate,
    Worksheet,
    WorksheetVersion,
)
from .texts import worksheet_error_text


def _require_change(by, organisation: Organisation) -> None:
    if not permissions.may(by, permissions.CHANGE, organisation):
        raise PermissionDenied
    if not organisation.is_supplier_side:
        raise ValidationError(_("Only suppliers and cooperatives keep TKDN records."))


def parse_worksheet(data: dict):
    """The rules' worksheet, or a ValidationError keyed by the field path."""
    try:
        sheet = worksheet_from_dict(data)
        return sheet, compute(sheet)
    except WorksheetError as exc:
        raise ValidationError({exc.path: [ValidationError(
            worksheet_error_text(exc), code=exc.code)]}) from exc


@requires_actor
@transaction.atomic
def worksheet_save(*, by, organisation: Organisation, data: dict,
                   worksheet: Worksheet | None = None) -> WorksheetVersion:
    """Save a worksheet as a new version (versions are never changed: a bid cites one)."""
    _require_change(by, organisation)
    if data.get("regime", Regime.P35_2025.value) == Regime.P35_2025.value:
        # The version keeps the weights it is computed with, so it reads the same after a
        # correction of the regulation's weights.
        data = {**data, "weights": data.get("weights") or {
            f: str(w) for f, w in WEIGHTS[Regime.P35_2025].items()}}
    sheet, result = parse_worksheet(data)
    if not sheet.product.strip():
        raise ValidationError({"product": [_("Name the product.")]})
    if len(sheet.product) > Worksheet._meta.get_field("product").max_length:
        raise ValidationError({"product": [_("The product name is too long (200 characters "
                                             "at most).")]})
    if worksheet is None:
        worksheet = Worksheet.objects.create(organisation=organisation, product=sheet.product,
                                             created_at=clock.now())
    else:
        worksheet = Worksheet.objects.select_for_update().get(pk=worksheet.pk,
                                                              organisation=organisation)
        worksheet.product = sheet.product
        worksheet.save(update_fields=["product"])
    number = (worksheet.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = WorksheetVersion.objects.create(
        worksheet=worksheet, number=number, regime=sheet.regime.value, data=data,
        tkdn_percent=round_half_up(result.tkdn_percent, 2), result=result_to_dict(result),
        created_at=clock.now(), created_by=person_of(by))
    audit_record(actor=by, action="worksheet.save", obj=version, organisation=organisation,
                 after={"product": sheet.product, "version": number,
                        "tkdn_percent": version.tkdn_percent})
    return version


@requires_actor
@transaction.atomic
def bmp_declare(*, by, organisation: Organisation, claims: list[dict]) -> BmpDeclaration:
    """Record the BMP factors a company claims; BMP = min(15, Σ scores)."""
    _require_change(by, organisation)
    try:
        parsed = [BmpClaim(c["factor"], c.get("evidence", "")) for c in claims]
        value = bmp_percent(parsed)
    except (KeyError, ValueError) as exc:
        raise ValidationError({"claims": [str(exc)]}) from exc
    if unproven := claims_without_evidence(parsed):
        raise ValidationError({f"{code}__evidence": [_("Say what shows this (a document, a "
                                                        "figure).")] for code in unproven})
    declaration, _created = BmpDeclaration.objects.select_for_update().get_or_create(
        organisation=organisation, defaults={"updated_at": clock.now()})
    before = {"claims": declaration.claims, "bmp_percent": declaration.bmp_percent}
    declaration.claims = [{"factor": c["factor"], "evidence": c.get("evidence", "")}
                          for c in claims]
    declaration.bmp_percent = value
    declaration.updated_at = clock.now()
    declaration.save()
    audit_record(actor=by, action="bmp.declare", obj=declaration, organisation=organisation,
                 before=before, after={"claims": declaration.claims, "bmp_percent": value})
    return declaration


def default_valid_until(regime: str, issued_on: dt.date) -> dt.date:
    """5 years under Permenperin 35/2025, 3 under 16/2011 (the day before the anniversary)."""
    years = CERTIFICATE_YEARS[Regime(regime)]
    try:
        anniversary = issued_on.replace(year=issued_on.year + years)
    except ValueError:  # 29 February
        anniversary = issued_on.replace(year=issued_on.year + years, day=28)
    return anniversary - dt.timedelta(days=1)


def _number_taken(cert: TkdnCertificate) -> str | None:
    """Why `cert`'s number cannot be recorded again (None when it can): a certificate number
    is issued once, to one supplier."""
    if not cert.number:
        return None
    holder = (TkdnCertificate.objects.filter(number__iexact=cert.number)
              .values_list("organisation_id", flat=True).first())
    if holder is None:
        return None
    if holder == cert.organisation_id:
        return _("Certificate %(number)s is already recorded for this supplier.") % {
            "number": cert.number}
    return _("Certificate %(number)s is recorded for another supplier; check the number "
             "printed on your certificate.") % {"number": cert.number}


@requires_actor
@transaction.atomic
def certificate_record(*, by, organisation: Organisation, regime: str, product: str,
                       tkdn_percent: Decimal, issued_on: dt.date, number: str = "",
                       bmp_percent: Decimal = Decimal(0), valid_until: dt.date | None = None,
                       verifier: str = "", self_declared: bool = False,
                       worksheet_version: WorksheetVersion | None = None) -> TkdnCertificate:
    _require_change(by, organisation)
    if worksheet_version is not None and worksheet_version.worksheet.organisation_id != \
            organisation.pk:
        raise ValidationError({"worksheet_version": [_("That worksheet is not yours.")]})
    cert = TkdnCertificate(
        organisation=organisation, number=number.strip(), regime=regime, product=product,
        tkdn_percent=tkdn_percent, bmp_percent=bmp_percent, issued_on=issued_on,
        valid_until=valid_until or default_valid_until(regime, issued_on),
        verifier=verifier.strip(), self_declared=self_declared,
        worksheet_version=worksheet_version, created_at=clock.now())
    errors = {}
    longest = default_valid_until(regime, issued_on)
    if issued_on > clock.today():
        errors["issued_on"] = [_("The issue date is in the future; give the date printed on "
                                 "the certificate.")]
    elif regime_on(issued_on).value != regime:
        errors["regime"] = [_("A certificate issued on %(date)s follows %(regime)s.") % {
            "date": date_format(issued_on, "j F Y"),
            "regime": dict(REGIME_CHOICES)[regime_on(issued_on).value]}]
    elif cert.valid_until > longest:
        errors["valid_until"] = [_("A certificate under this regime is valid until %(date)s "
                                   "at the latest.") % {"date": date_format(longest, "j F Y")}]
    elif cert.valid_until < issued_on:
        errors["valid_until"] = [_("The expiry date is before the issue date.")]
    if not self_declared and not cert.number:
        errors["number"] = [_("A verified certificate has a number; otherwise mark the value "
                              "self-declared.")]
    elif problem := _number_taken(cert):
        errors["number"] = [problem]
    if not self_declared and not cert.verifier:
        errors["verifier"] = [_("Name the verifier that issued the certificate.")]
    if errors:
        raise ValidationError(errors)
    cert.full_clean()
    cert.save()
    audit_record(actor=by, action="tkdn_certificate.record", obj=cert, organisation=organisation,
                 after=snapshot(cert))
    return cert
