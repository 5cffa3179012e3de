"""The writes of business matching: ministry officers (and platform admins) record an event,
its attendance, the pairings made there, each pairing's next stage and what came of it (a
tender, a contract), and the follow-ups; a follow-up's owner marks it done. Every write is
audited in its transaction and names the field it refuses."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.actors import Actor, person_of, requires_actor
from pasok.accounts.kinds import BUYER_KINDS, SUPPLIER_SIDE, OrgKind
from pasok.accounts.models import Organisation, User
from pasok.audit.services import audit_record
from pasok.contracts.models import Contract
from pasok.rfqs.models import Rfq
from pasok.suppliers.catalogue import PART_FAMILIES
from pasok.tenders.models import Tender

from .models import FollowUp, MediationEvent, Pairing, Participant, Stage, StageReached

FAMILIES = dict(PART_FAMILIES)


def _may_run(by) -> None:
    if not permissions.may_run_mediation(by):
        raise PermissionDenied


def _text(errors: dict, field: str, value: str, model, *, required: bool = True) -> str:
    value = (value or "").strip()
    limit = model._meta.get_field(field).max_length
    if required and not value:
        errors[field] = [_("Fill this in.")]
    elif limit and len(value) > limit:
        errors[field] = [_("At most %(n)s characters.") % {"n": limit}]
    return value


def _event_fields(*, organiser, title, held_on, place, families, notes) -> dict:
    errors: dict = {}
    fields = {"title": _text(errors, "title", title, MediationEvent),
              "place": _text(errors, "place", place, MediationEvent),
              "notes": (notes or "").strip(), "held_on": held_on,
              "families": list(dict.fromkeys(families or ())), "organiser": organiser}
    if held_on is None:
        errors["held_on"] = [_("Give the day the event is held.")]
    if organiser is None or organiser.kind != OrgKind.MINISTRY:
        errors["organiser"] = [_("The ministry organises business matching: choose one of "
                                 "its organisations.")]
    if any(code not in FAMILIES for code in fields["families"]):
        errors["families"] = [_("Choose part families of the catalogue.")]
    if errors:
        raise ValidationError(errors)
    return fields


def _event_snapshot(event: MediationEvent) -> dict:
    return {"title": event.title, "held_on": str(event.held_on), "place": event.place,
            "organiser": event.organiser_id, "families": list(event.families),
            "notes": event.notes}


@requires_actor
@transaction.atomic
def event_create(*, by: Actor, organiser: Organisation, title: str, held_on: dt.date,
                 place: str, families=(), notes: str = "") -> MediationEvent:
    _may_run(by)
    fields = _event_fields(organiser=organiser, title=title, held_on=held_on, place=place,
                           families=families, notes=notes)
    event = MediationEvent.objects.create(**fields, created_at=clock.now(),
                                          created_by=person_of(by))
    audit_record(actor=by, action="mediation_event.create", obj=event, organisation=organiser,
                 after=_event_snapshot(event))
    return event


@requires_actor
@transaction.atomic
def event_update(*, by: Actor, event: MediationEvent, organiser: Organisation, title: str,
                 held_on: dt.date, place: str, families=(), notes: str = "") -> MediationEvent:
    """The event's details; its day never after a pairing's first stage was recorded on it
    (the pairings' stages date from the event)."""
    _may_run(by)
    event = MediationEvent.objects.select_for_update().get(pk=event.pk)
    fields = _event_fields(organiser=organiser, title=title, held_on=held_on, place=place,
                           families=families, notes=notes)
    earliest = StageReached.objects.filter(pairing__event=event).order_by("reached_on").first()
    if earliest is not None and held_on > earliest.reached_on:
        raise ValidationError({"held_on": [_("A pairing of this event reached a stage on "
                                             "%(day)s: the event was held by then.")
                                           % {"day": earliest.reached_on}]})
    before = _event_snapshot(event)
    for name, value in fields.items():
        setattr(event, name, value)
    event.save()
    audit_record(actor=by, action="mediation_event.update", obj=event, organisation=organiser,
                 before=before, after=_event_snapshot(event))
    return event


@requires_actor
@transaction.atomic
def attendance_record(*, by: Actor, event: MediationEvent, organisation: Organisation,
                      invited: bool, present: bool) -> Participant:
    """An organisation on the event's list: invited, present (once the day has come), or
    both; recorded again, the answer is replaced."""
    _may_run(by)
    errors = {}
    if organisation is None or organisation.kind not in (*BUYER_KINDS, *SUPPLIER_SIDE):
        errors["organisation"] = [_("Buyers, foundries and cooperatives take part in "
                                    "business matching.")]
    if not invited and not present:
        errors["invited"] = [_("A participant was invited, came, or both.")]
    if present and event.held_on > clock.today():
        errors["present"] = [_("Who came is recorded once the event has been held.")]
    if errors:
        raise ValidationError(errors)
    participant, _created = Participant.objects.update_or_create(
        event=event, organisation=organisation,
        defaults={"invited": invited, "present": present})
    audit_record(actor=by, action="mediation_event.attendance", obj=event,
                 organisation=event.organiser,
                 after={"organisation": organisation.pk, "invited": invited, "present": present})
    return participant


@requires_actor
@transaction.atomic
def pairing_add(*, by: Actor, event: MediationEvent, buyer: Organisation,
                supplier: Organisation, family: str, notes: str = "") -> Pairing:
    """A buyer and a foundry (or cooperative) on the event's list paired over a part family
    at the event: interest, reached on the event's day."""
    _may_run(by)
    listed = set(event.participants.values_list("organisation_id", flat=True))
    errors = {}
    if buyer is None or buyer.kind not in BUYER_KINDS:
        errors["buyer"] = [_("Choose a buyer.")]
    elif buyer.pk not in listed:
        errors["buyer"] = [_("Put the buyer on the event's list first.")]
    if supplier is None or supplier.kind not in SUPPLIER_SIDE:
        errors["supplier"] = [_("Choose a foundry or a cooperative.")]
    elif supplier.pk not in listed:
        errors["supplier"] = [_("Put the supplier on the event's list first.")]
    if family not in FAMILIES:
        errors["family"] = [_("Choose a part family of the catalogue.")]
    if event.held_on > clock.today():
        errors["event"] = [_("Pairings are recorded once the event has been held.")]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            pairing = Pairing.objects.create(event=event, buyer=buyer, supplier=supplier,
                                             family=family, notes=(notes or "").strip(),
                                             stage=Stage.INTEREST, created_at=clock.now())
    except IntegrityError:
        raise ValidationError({"family": [_("This buyer and supplier are paired over this "
                                            "family at this event already.")]}) from None
    StageReached.objects.create(pairing=pairing, stage=Stage.INTEREST, reached_on=event.held_on,
                                recorded_at=clock.now(), recorded_by=person_of(by))
    audit_record(actor=by, action="pairing.add", obj=pairing, organisation=event.organiser,
                 after={"stage": pairing.stage, "family": family})
    return pairing


def _locked(pairing: Pairing) -> Pairing:
    return (Pairing.objects.select_for_update(of=("self",))
            .select_related("event__organiser", "buyer", "supplier").get(pk=pairing.pk))


@requires_actor
@transaction.atomic
def pairing_advance(*, by: Actor, pairing: Pairing, stage: int,
                    reached_on: dt.date) -> Pairing:
    """The next stage the pairing reached: only forward, on a day between the last stage's
    and today."""
    _may_run(by)
    pairing = _locked(pairing)
    last = pairing.stages.order_by("-reached_on").values_list("reached_on", flat=True).first()
    errors = {}
    if stage not in Stage.values:
        errors["stage"] = [_("Choose one of the stages.")]
    elif stage <= pairing.stage:
        errors["stage"] = [_("The pairing has reached “%(stage)s” already: choose a later "
                             "stage.") % {"stage": Stage(pairing.stage).label}]
    if reached_on is None or reached_on > clock.today():
        errors["reached_on"] = [_("Record a stage once reached: today or earlier.")]
    elif reached_on < (last or pairing.event.held_on):
        errors["reached_on"] = [_("The pairing got to its last stage on %(day)s: this one "
                                  "came on that day or later.")
                                % {"day": last or pairing.event.held_on}]
    if errors:
        raise ValidationError(errors)
    before = {"stage": pairing.stage, "reached_on": str(last or pairing.event.held_on)}
    StageReached.objects.create(pairing=pairing, stage=stage, reached_on=reached_on,
                                recorded_at=clock.now(), recorded_by=person_of(by))
    pairing.stage = stage
    pairing.save(update_fields=["stage"])
    audit_record(actor=by, action="pairing.advance", obj=pairing,
                 organisation=pairing.event.organiser, before=before,
                 after={"stage": stage, "reached_on": str(reached_on)})
    return pairing


@requires_actor
@transaction.atomic
def pairing_link(*, by: Actor, pairing: Pairing, tender: Tender | None = None,
                 rfq: Rfq | None = None, contract: Contract | None = None) -> Pairing:
    """What came of the pairing: a tender of its buyer, a request for quotation of its buyer
    sent to its supplier (or the supplier's cooperative), a contract between its buyer and
    its supplier (or the cooperative, which contracts for its members); None leaves the link
    out."""
    _may_run(by)
    pairing = _locked(pairing)
    errors = {}
    if tender is not None and tender.buyer_id != pairing.buyer_id:
        errors["tender"] = [_("Link a tender of %(buyer)s.") % {"buyer": pairing.buyer.name}]
    sellers = {pairing.supplier_id, pairing.supplier.cooperative_id} - {None}
    if rfq is not None and (rfq.buyer_id != pairing.buyer_id or not rfq.invitations.filter(
            supplier_id__in=sellers).exists()):
        errors["rfq"] = [_("Link a request for quotation %(buyer)s sent to %(supplier)s.")
                         % {"buyer": pairing.buyer.name, "supplier": pairing.supplier.name}]
    if contract is not None and (contract.buyer_id != pairing.buyer_id
                                 or contract.supplier_id not in sellers):
        errors["contract"] = [_("Link a contract between %(buyer)s and %(supplier)s.")
                              % {"buyer": pairing.buyer.name,
                                 "supplier": pairing.supplier.name}]
    if errors:
        raise ValidationError(errors)
    before = {"tender": pairing.tender_id, "rfq": pairing.rfq_id,
              "contract": pairing.contract_id}
    pairing.tender, pairing.rfq, pairing.contract = tender, rfq, contract
    pairing.save(update_fields=["tender", "rfq", "contract"])
    audit_record(actor=by, action="pairing.link", obj=pairing,
                 organisation=pairing.event.organiser, before=before,
                 after={"tender": pairing.tender_id, "rfq": pairing.rfq_id,
                        "contract": pairing.contract_id})
    return pairing


def owners_for(pairing: Pairing):
    """Who may own a pairing's follow-up: the active people of the event's organiser, the
    buyer and the supplier (and the supplier's cooperative)."""
    organisations = {pairing.event.organiser_id, pairing.buyer_id, pairing.supplier_id,
                     pairing.supplier.cooperative_id} - {None}
    return (User.objects.filter(is_active=True, organisation_id__in=organisations)
            .select_related("organisation").order_by("organisation__name", "full_name"))


@requires_actor
@transaction.atomic
def follow_up_add(*, by: Actor, pairing: Pairing, action: str, owner: User,
                  due_on: dt.date) -> FollowUp:
    _may_run(by)
    pairing = _locked(pairing)
    errors: dict = {}
    action = _text(errors, "action", action, FollowUp)
    if owner is None or not owners_for(pairing).filter(pk=owner.pk).exists():
        errors["owner"] = [_("The owner is one of the ministry's, the buyer's or the "
                             "supplier's people.")]
    if due_on is None or due_on < clock.today():
        errors["due_on"] = [_("A follow-up is due today or later.")]
    if errors:
        raise ValidationError(errors)
    follow_up = FollowUp.objects.create(pairing=pairing, action=action, owner=owner,
                                        due_on=due_on, created_at=clock.now(),
                                        created_by=person_of(by))
    audit_record(actor=by, action="follow_up.add", obj=follow_up,
                 organisation=pairing.event.organiser,
                 after={"owner": owner.pk, "due_on": str(due_on), "pairing": pairing.pk})
    return follow_up


@requires_actor
@transaction.atomic
def follow_up_complete(*, by: Actor, follow_up: FollowUp) -> FollowUp:
    follow_up = (FollowUp.objects.select_for_update(of=("self",))
                 .select_related("pairing__event__organiser").get(pk=follow_up.pk))
    if not permissions.may_complete_follow_up(by, follow_up):
        raise PermissionDenied
    if follow_up.done_at is not None:
        raise ValidationError({"follow_up": [_("This follow-up is done already.")]})
    follow_up.done_at = clock.now()
    follow_up.save(update_fields=["done_at"])
    audit_record(actor=by, action="follow_up.complete", obj=follow_up,
                 organisation=follow_up.pairing.event.organiser,
                 after={"done_at": follow_up.done_at.isoformat()})
    return follow_up
