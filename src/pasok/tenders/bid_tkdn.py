"""Where a bid's TKDN and BMP come from, resolved when the bid is sealed.

A bid cites one unexpired TKDN certificate or one worksheet version of its bidder, or none.
A cooperative may instead build its TKDN from the members it names: each member's value from
that member's own unexpired certificate or worksheet version (a cooperative reads its
members' worksheets: accounts.permissions VIEW_PRIVATE), weighted by the units each makes
(pasok.rules.cooperative_tkdn), BMP the same way. The sealed content records the source of
every value and what the document was, so the receipt and the evaluation can say how the
value was built (content.BidContent reads it back)."""

from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts.actors import requires_actor
from pasok.rules.cooperative_tkdn import weighted_by_units
from pasok.tkdn.models import BmpDeclaration, TkdnCertificate, Worksheet, WorksheetVersion

MEMBERS = "members"  # the tkdn_source of a value weighted from the members


class MemberShare(NamedTuple):
    """One member named in a cooperative's bid: who, how many units, and (for a TKDN
    weighted from the members) the member's certificate or worksheet version."""

    organisation: int
    quantity: int
    certificate_id: int | None = None
    worksheet_version_id: int | None = None

    @property
    def cites(self) -> bool:
        return bool(self.certificate_id or self.worksheet_version_id)


@dataclass(frozen=True)
class TkdnValue:
    tkdn_percent: Decimal | None
    bmp_percent: Decimal
    source: str  # "certificate:12", "worksheet_version:7", "members" or ""
    document: dict | None  # what the certificate or worksheet version was, for people

    def sealed(self) -> dict:
        return {"tkdn_percent": self.tkdn_percent, "bmp_percent": self.bmp_percent,
                "tkdn_source": self.source, "tkdn_document": self.document}


NONE = TkdnValue(None, Decimal(0), "", None)


def parse_source(text: str) -> dict:
    """"certificate:12" → {"certificate_id": 12, "worksheet_version_id": None}, as the
    forms' choices write a source."""
    kind, _sep, pk = (text or "").partition(":")
    return {"certificate_id": int(pk) if kind == "certificate" else None,
            "worksheet_version_id": int(pk) if kind == "worksheet_version" else None}


@requires_actor
def value_of(*, by, organisation, certificate_id=None, worksheet_version_id=None,
             field_prefix: str = "") -> TkdnValue:
    """The TKDN of `organisation`'s unexpired certificate or worksheet version, as `by`
    may read it; ValidationError naming `<prefix>certificate` / `<prefix>worksheet_version`
    otherwise. A worksheet's BMP is the organisation's BMP declaration."""
    if certificate_id:
        cert = (TkdnCertificate.objects.visible_to(by)
                .filter(pk=certificate_id, organisation=organisation).first())
        if cert is None:
            raise ValidationError({f"{field_prefix}certificate": [
                _("Not a certificate of %(org)s.") % {"org": organisation.name}]})
        if cert.valid_until < clock.today():
            raise ValidationError({f"{field_prefix}certificate": [
                _("The certificate of %(org)s has expired.") % {"org": organisation.name}]})
        return TkdnValue(cert.tkdn_percent, cert.bmp_percent, f"certificate:{cert.pk}",
                         {"kind": "certificate", "number": cert.number,
                          "product": cert.product, "self_declared": cert.self_declared})
    if worksheet_version_id:
        version = (WorksheetVersion.objects
                   .filter(pk=worksheet_version_id, worksheet__organisation=organisation,
                           worksheet__in=Worksheet.objects.visible_to(by))
                   .select_related("worksheet").first())
        if version is None:
            raise ValidationError({f"{field_prefix}worksheet_version": [
                _("Not a worksheet of %(org)s.") % {"org": organisation.name}]})
        declaration = (BmpDeclaration.objects.visible_to(by)
                       .filter(organisation=organisation).first())
        return TkdnValue(version.tkdn_percent,
                         declaration.bmp_percent if declaration else Decimal(0),
                         f"worksheet_version:{version.pk}",
                         {"kind": "worksheet_version", "product": version.worksheet.product,
                          "version": version.number})
    return NONE


@requires_actor
def members_value(*, by, shares: list[MemberShare], members: dict) -> tuple[TkdnValue,
                                                                            list[dict]]:
    """The cooperative's TKDN weighted from its members, and each member's value for the
    sealed content. `members` maps the named members' ids to their organisations."""
    errors, values = [], []
    for share in shares:
        member = members[share.organisation]
        if not share.cites:
            errors.append(_("Choose the TKDN certificate or worksheet of %(member)s, or do "
                            "not build the bid's TKDN from the members.")
                          % {"member": member.name})
            continue
        try:
            values.append(value_of(by=by, organisation=member,
                                   certificate_id=share.certificate_id,
                                   worksheet_version_id=share.worksheet_version_id))
        except ValidationError as exc:
            errors.extend(exc.messages)
    if errors:
        raise ValidationError({"members": errors})
    units = [share.quantity for share in shares]
    tkdn = weighted_by_units([(v.tkdn_percent, n) for v, n in zip(values, units, strict=True)])
    bmp = weighted_by_units([(v.bmp_percent, n) for v, n in zip(values, units, strict=True)])
    return TkdnValue(tkdn, bmp, MEMBERS, None), [v.sealed() for v in values]
