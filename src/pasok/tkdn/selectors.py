"""Reads of local-content records, always through who may see the owning organisation."""

import datetime as dt

from django.db.models import Prefetch

from pasok import clock

from .models import BmpDeclaration, TkdnCertificate, Worksheet, WorksheetVersion

EXPIRY_WARNING_DAYS = (90, 30)


def worksheets_of(*, user, organisation):
    latest = WorksheetVersion.objects.order_by("-number")
    return (Worksheet.objects.visible_to(user).filter(organisation=organisation)
            .prefetch_related(Prefetch("versions", queryset=latest)))


def worksheet_get(*, user, public_id) -> Worksheet:
    return (Worksheet.objects.visible_to(user).select_related("organisation")
            .get(public_id=public_id))


def version_get(*, worksheet: Worksheet, number: int | None) -> WorksheetVersion:
    versions = worksheet.versions.select_related("created_by")
    return versions.get(number=number) if number else versions.order_by("-number").first()


def bmp_of(*, user, organisation) -> BmpDeclaration | None:
    return BmpDeclaration.objects.visible_to(user).filter(organisation=organisation).first()


def certificate_status(cert: TkdnCertificate, today: dt.date) -> str:
    """expired, expires_30, expires_90 or valid."""
    days = (cert.valid_until - today).days
    if days < 0:
        return "expired"
    for limit in sorted(EXPIRY_WARNING_DAYS):
        if days <= limit:
            return f"expires_{limit}"
    return "valid"


def certificates_of(*, user, organisation):
    today = clock.today()
    certs = list(TkdnCertificate.objects.visible_to(user).filter(organisation=organisation)
                 .select_related("worksheet_version__worksheet"))
    for cert in certs:
        cert.status = certificate_status(cert, today)
    return certs


def offerable_certificates(*, user, organisation):
    """The TKDN values a bid may cite: not expired today."""
    return (TkdnCertificate.objects.visible_to(user)
            .filter(organisation=organisation, valid_until__gte=clock.today()))
