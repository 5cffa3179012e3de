"""Contracts made, signed and amended. A contract's first version is its terms as made
(from a final award, or by hand); while no party has signed it the buyer may still revise
it. It is in force once both parties have signed; later versions (amendments) take effect
when both have signed them. Every signature is an audit event."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.actors import Actor, requires_actor
from pasok.accounts.models import Organisation
from pasok.audit.services import audit_record
from pasok.counters import next_number, reference
from pasok.months import add_months, month_start
from pasok.suppliers.models import MaterialGrade
from pasok.tenders.models import Award, Tender

from ..models import (
    CallOff,
    CallOffStatus,
    Contract,
    ContractItem,
    ContractKind,
    ContractVersion,
    Counter,
    ScheduledMonth,
)
from ..terms import ContractTerms, ItemTerms, validate
from .booking import refresh_contract_bookings
from .notices import tell_other_party

DEFAULT_PAYMENT_TERM_DAYS = 30


def locked(contract: Contract) -> Contract:
    return Contract.objects.select_for_update().get(pk=contract.pk)


def managed(by: Actor, contract: Contract) -> Contract:
    contract = locked(contract)
    if not permissions.may_manage_contract(by, contract):
        raise PermissionDenied
    return contract


def terms_of(contract: Contract) -> ContractTerms:
    """The terms the contract's rows hold now."""
    items = tuple(ItemTerms(
        number=i.number, product=i.product, unit_weight_kg=i.unit_weight_kg,
        unit_price=i.unit_price, quantity=i.quantity, minimum_quantity=i.minimum_quantity,
        family=i.family, unit=i.unit, grade=i.grade_id, aql=i.aql,
        schedule={m.month: m.units for m in i.months.all()}, award_id=i.award_id)
        for i in contract.items.prefetch_related("months"))
    return ContractTerms(contract.starts_on, contract.ends_on, contract.payment_term_days,
                         items, contract.price_adjustment)


def _apply(contract: Contract, terms: ContractTerms) -> None:
    """Put `terms` in the contract's rows (items by number; an item with call-offs stays)."""
    contract.starts_on, contract.ends_on = terms.starts_on, terms.ends_on
    contract.payment_term_days = terms.payment_term_days
    contract.price_adjustment = terms.price_adjustment
    contract.save(update_fields=["starts_on", "ends_on", "payment_term_days",
                                 "price_adjustment"])
    kept = {i.number for i in terms.items}
    gone = contract.items.exclude(number__in=kept)
    if gone.filter(call_offs__isnull=False).exists():
        raise ValidationError({"items": [_("An item with call-off orders cannot be removed.")]})
    gone.delete()
    for item in terms.items:
        row, _created = ContractItem.objects.update_or_create(
            contract=contract, number=item.number, defaults={
                "product": item.product.strip(), "unit_weight_kg": item.unit_weight_kg,
                "unit_price": item.unit_price, "quantity": item.quantity,
                "minimum_quantity": item.minimum_quantity, "family": item.family,
                "unit": item.unit, "grade_id": item.grade, "aql": item.aql,
                "award_id": item.award_id})
        row.months.all().delete()
        ScheduledMonth.objects.bulk_create(ScheduledMonth(item=row, month=m, units=u)
                                           for m, u in sorted(item.schedule.items()) if u)


def _checked(terms: ContractTerms) -> ContractTerms:
    validate(terms)
    grades = {i.grade for i in terms.items if i.grade}
    if grades - set(MaterialGrade.objects.filter(code__in=grades).values_list("code", flat=True)):
        raise ValidationError({"items": [_("Choose a material grade from the list.")]})
    return terms


@requires_actor
@transaction.atomic
def contract_create(*, by: Actor, buyer: Organisation, supplier: Organisation, title: str,
                    kind: str, terms: ContractTerms, tender: Tender | None = None,
                    tkdn_percent: Decimal | None = None) -> Contract:
    """A contract's first version, awaiting both signatures."""
    if not permissions.may_manage_contract(by, Contract(buyer=buyer, supplier=supplier)):
        raise PermissionDenied
    errors = {}
    if not buyer.is_buyer:
        errors["buyer"] = [_("A contract's buyer is a BUMN or a private buyer.")]
    if not title.strip():
        errors["title"] = [_("Give the contract a title.")]
    if kind not in ContractKind.values:
        errors["kind"] = [_("Choose a single order or a framework contract.")]
    if not supplier.is_supplier_side:
        errors["supplier"] = [_("A contract is with a supplier or a cooperative.")]
    if errors:
        raise ValidationError(errors)
    _checked(terms)
    now = clock.now()
    contract = Contract.objects.create(
        reference=reference("KTR", now.year, next_number(Counter, series="KTR", year=now.year)),
        kind=kind, title=title.strip(), buyer=buyer, supplier=supplier, tender=tender,
        starts_on=terms.starts_on, ends_on=terms.ends_on,
        payment_term_days=terms.payment_term_days, tkdn_percent=tkdn_percent,
        price_adjustment=terms.price_adjustment, created_at=now,
        created_by=by if getattr(by, "pk", None) else None)
    _apply(contract, terms)
    ContractVersion.objects.create(contract=contract, number=1, terms=terms.as_json(),
                                   proposed_at=now, proposed_by=contract.created_by)
    audit_record(actor=by, action="contract.create", obj=contract, organisation=buyer,
                 after={"reference": contract.reference, "supplier": supplier.name,
                        "value": str(sum(i.unit_price * i.quantity for i in terms.items))})
    tell_other_party(contract, by, "proposed")
    return contract


def _award_terms(awards: list[Award], payment_term_days: int) -> ContractTerms:
    items, months = [], []
    for number, award in enumerate(awards, 1):
        schedule = {m.month: m.units for m in award.months.all()}
        months += list(schedule)
        lot = award.lot
        items.append(ItemTerms(
            number=number, product=lot.product, unit_weight_kg=lot.unit_weight_kg,
            unit_price=award.unit_price, quantity=award.quantity, unit=lot.unit,
            family=lot.family, grade=lot.grade_id, schedule=schedule, award_id=award.pk))
    first = min(months) if months else month_start(clock.today())
    last = add_months(max(months) if months else first, 1) - dt.timedelta(days=1)
    return ContractTerms(first, last, payment_term_days, tuple(items))


@requires_actor
@transaction.atomic
def contracts_from_award(*, by: Actor, tender: Tender,
                         payment_term_days: int = DEFAULT_PAYMENT_TERM_DAYS) -> list[Contract]:
    """One contract per awarded supplier of a tender whose award is final (its objection
    period passed, every objection answered), from the Award records: items at the awarded
    price and quantity, the awarded months as the schedule, the TKDN as awarded. A framework
    contract when an item delivers over more than one month."""
    tender = Tender.objects.select_for_update().get(pk=tender.pk)
    if not permissions.may_manage_tender(by, tender):
        raise PermissionDenied
    if not tender.award_final:
        raise ValidationError(_("A contract follows a final award: the objection period has "
                                "to pass, with every objection answered."))
    awards = list(Award.objects.filter(lot__tender=tender, contract_item__isnull=True)
                  .select_related("lot", "supplier").prefetch_related("months")
                  .order_by("supplier_id", "lot__number"))
    if not awards:
        raise ValidationError(_("Every award of this tender is in a contract already."))
    made = []
    for supplier_id in sorted({a.supplier_id for a in awards}):
        theirs = [a for a in awards if a.supplier_id == supplier_id]
        terms = _award_terms(theirs, payment_term_days)
        value = sum(a.value for a in theirs)
        tkdn = (sum(a.value * a.tkdn_percent for a in theirs if a.tkdn_percent is not None)
                / value).quantize(Decimal("0.01")) if value and all(
                    a.tkdn_percent is not None for a in theirs) else None
        kind = (ContractKind.FRAMEWORK if any(len(i.schedule) > 1 for i in terms.items)
                else ContractKind.SINGLE)
        made.append(contract_create(
            by=by, buyer=tender.buyer,
            supplier=theirs[0].supplier, title=tender.title, kind=kind, terms=terms,
            tender=tender, tkdn_percent=tkdn))
    return made


def _pending(contract: Contract) -> ContractVersion | None:
    return (contract.versions.select_for_update().filter(withdrawn_at__isnull=True)
            .exclude(buyer_signed_at__isnull=False, supplier_signed_at__isnull=False)
            .order_by("-number").first())


@requires_actor
@transaction.atomic
def contract_revise(*, by: Actor, contract: Contract, terms: ContractTerms) -> Contract:
    """The buyer changes the first version's terms before anyone has signed it."""
    contract = managed(by, contract)
    version = _pending(contract)
    if contract.version != 0 or version is None or version.buyer_signed_at \
            or version.supplier_signed_at:
        raise ValidationError(_("Once signed, a contract changes only by an amendment."))
    _checked(terms)
    _apply(contract, terms)
    version.terms = terms.as_json()
    version.save(update_fields=["terms"])
    audit_record(actor=by, action="contract.revise", obj=contract, organisation=contract.buyer,
                 after={"version": 1})
    return contract


@requires_actor
@transaction.atomic
def contract_amend(*, by: Actor, contract: Contract, terms: ContractTerms,
                   reason: str) -> ContractVersion:
    """A new version of a contract in force, for both parties to sign; the terms in force
    stay until they have."""
    contract = managed(by, contract)
    if contract.version == 0:
        raise ValidationError(_("A contract not yet signed is revised, not amended."))
    if _pending(contract) is not None:
        raise ValidationError(_("An amendment is already awaiting signatures."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the contract is amended.")]})
    _checked(terms)
    ordered = _ordered_per_item(contract)
    for item in terms.items:
        if item.quantity < ordered.get(item.number, 0):
            raise ValidationError({f"items.{item.number}.quantity": [
                _("The total cannot be less than the %(n)s units already called off.")
                % {"n": ordered[item.number]}]})
    version = ContractVersion.objects.create(
        contract=contract, number=contract.versions.count() + 1, terms=terms.as_json(),
        reason=reason.strip(), proposed_at=clock.now(),
        proposed_by=by if getattr(by, "pk", None) else None)
    audit_record(actor=by, action="contract.amend", obj=contract, organisation=contract.buyer,
                 after={"version": version.number, "reason": version.reason})
    tell_other_party(contract, by, "amended")
    return version


def _ordered_per_item(contract: Contract) -> dict[int, int]:
    """Units called off (not declined) per item number, in one query."""
    return dict(CallOff.objects.filter(item__contract=contract)
                .exclude(status=CallOffStatus.DECLINED).values("item__number")
                .annotate(n=Sum("quantity")).values_list("item__number", "n"))


@requires_actor
@transaction.atomic
def contract_sign(*, by: Actor, contract: Contract) -> ContractVersion:
    """`by` signs the version awaiting signatures for its side (an admin of the buyer or of
    the supplier); with both signatures the version is in force."""
    contract = locked(contract)
    side = permissions.contract_side(by, contract)
    if side is None:
        raise PermissionDenied
    version = _pending(contract)
    if version is None:
        raise ValidationError(_("Nothing is awaiting a signature."))
    if getattr(version, f"{side}_signed_at") is not None:
        raise ValidationError(_("Your side has signed this version already."))
    setattr(version, f"{side}_signed_at", clock.now())
    setattr(version, f"{side}_signed_by", by)
    version.save(update_fields=[f"{side}_signed_at", f"{side}_signed_by"])
    audit_record(actor=by, action="contract.sign", obj=contract,
                 organisation=getattr(contract, side),
                 after={"version": version.number, "side": side})
    if version.signed:
        if version.number > 1:
            _apply(contract, ContractTerms.of(version.terms))
        contract.version = version.number
        contract.save(update_fields=["version"])
        refresh_contract_bookings(contract, by=by)
    tell_other_party(contract, by, "signed")
    return version
