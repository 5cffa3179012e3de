"""Who may see and do what: the one place this is decided.

Every page, API route, export, feed and admin view asks `Model.objects.restrict(user, action)`
(after NetBox's RestrictedQuerySet; `visible_to(user)` is `restrict(user, VIEW)`), or one of
the `may_*` questions below for what is not a row ("may this person open the verification
queue at all"). No other module tests a role or an organisation's kind to decide access
(tests/web/test_one_permission_module.py greps for it). Rules are filters, so a list, a page
and an export of the same rows can never disagree. Models are looked up by name, so this
module imports none and every model can import it.

The rules, by model (RULES below):

- Organisation. view: platform admins and ministry officers see every organisation; a buyer
  sees the supplier side (suppliers and cooperatives) and itself; a cooperative sees itself
  and its members; a supplier sees itself and its cooperative. change: platform admins;
  admins and staff of the organisation; of a cooperative, for its members too. verify:
  platform admins and ministry officers for any supplier-side organisation; a cooperative's
  admins for its members. view_private (a supplier's cost build-up, its NIB document): its
  own people, its cooperative, ministry officers and platform admins — never buyers or
  competitors. A sign-up whose e-mail is not confirmed yet is nobody's business but its own.
- User: platform admins see everyone; others the people of their own organisation.
- Notification: its addressee only.
- Tender. view: the buyer's own people in every state; ministry officers and platform admins
  all; the supplier side the published ones. manage (edit, publish, open, evaluate, award,
  cancel, answer): the buyer's admins and staff, and platform admins.
- Bid (and its documents): before the opening only its bidder's people; after it also the
  tender's buyer, the tender's other bidders, ministry officers and platform admins.
  A bid's history (BidEvent): its bidder's people only.
- Objection to an award: the tender's buyer, the objector's people, ministry officers and
  platform admins.
- Plan. view: whoever may see the cooperative's private records (the whole plan), and a
  member foundry the plans it is in (of them only its own rows: allocation/views.py reads
  `view_whole` to know which). change: whoever may change the cooperative.
- Contract: its buyer's and its supplier's people, the member foundries it has called off
  from, the ministry and platform admins. manage (amend, issue call-offs, receive and
  inspect deliveries, record payments): the buyer's admins and staff, and platform admins.
  Each party signs for itself (`contract_side`).
- CallOff and Delivery: the contract's buyer and supplier, the foundry that makes it, the
  ministry and platform admins. A call-off is answered by the foundry that makes it.
- Inspection and NonConformanceReport (pasok.inspection): as the delivery inspected: the
  contract's buyer and supplier, the foundry that made it, the ministry and platform admins;
  the buyer's admins and staff inspect and accept a corrective action; the foundry that made
  the lot answers its NCR. SwitchingState: the buyer's and the supplier's people, the
  ministry and platform admins; manage (approve reduced inspection): the buyer's writers.
- Invoice (its lines) and Payment: the contract's buyer's and supplier's people, the ministry
  and platform admins (not the member foundries: the invoice is between the parties).
  Invoices are issued and corrected by the supplier's admins and staff only (an invoice is
  the supplier's own document: no one issues one for it); payments are recorded by whoever
  manages the contract (manage: the buyer's side).
- PartnershipCommitment: the buyer's people, the partners' (and a partner cooperative's
  members'), the ministry and platform admins; change: the buyer's admins and staff.
- Scorecards (may_read_scorecard): the organisation's own people, the ministry and platform
  admins.
- TKDN certificates: whoever sees the organisation; worksheets and the BMP declaration
  (cost build-ups): view_private of the organisation.
- AuditEvent: platform admins and ministry officers read everything; an organisation's
  admin the events about their organisation; an action may name its own readers
  (`audit_readers`: a sealed bid's events are its bidder's until the opening).
- Rfq (a request for quotation, and its drawing): the buyer's people, the suppliers invited
  (and their cooperative), ministry officers and platform admins; manage (order a sample,
  record and decide the first article, make the contract): the buyer's admins and staff.
  Quotation (sealed): before the deadline only its quoter's people — not the buyer, not the
  ministry, not platform admins; from the deadline the buyer's people too (a withdrawn one
  never). SampleOrder and FirstArticleInspection: the buyer's people, the quoter's whose
  quotation was chosen, ministry officers and platform admins.
- ImportedAlternative: the ministry and platform admins read every record, others the
  market's (no buyer named) and a buyer its own; the recording organisation's writers
  change it. Scenario (and its hand-offs to the allocation engine): its owner's people, the
  ministry and platform admins read; the owner's writers change. The dashboard
  (may_read_insights): the ministry, platform admins, a cooperative over its members.
  EarlyWarning: the ministry and platform admins read; only the system records one.
- MediationEvent (business matching) and its Participants: ministry officers and platform
  admins read and run (manage) every event; a buyer or supplier-side organisation reads the
  events it was invited to or attended, a cooperative also those of its members. Pairing
  (its stages and follow-ups): ministry officers and platform admins all; otherwise the
  pair's own two organisations (and a cooperative its members' pairings), never other
  pairs'. A follow-up is marked done by whoever runs events or its owner
  (may_complete_follow_up).
- PUBLIC: what an anonymous visitor and open data may read, whoever asks: published tenders
  and nothing else yet (never a bid, nor a supplier's private record).

Anonymous and deactivated users get nothing but PUBLIC. The system and a person acting through
a service that checked their right (accounts.actors) are answered before any rule: the system
may do everything, a delegated person what that service decided, on its objects only.
"""

from collections.abc import Callable
from functools import wraps

from django.apps import apps
from django.db import models
from django.db.models import Case, CharField, Q, Value, When
from django.db.models.functions import Cast

from pasok import clock

from . import actors
from .kinds import BUYER_KINDS, SUPPLIER_SIDE, OrgKind

VIEW, CHANGE, VERIFY, VIEW_PRIVATE = "view", "change", "verify", "view_private"
MANAGE = "manage"  # run a tender
VIEW_WHOLE = "view_whole"  # a plan with every member's rows
PUBLIC = "public"  # anyone, signed in or not: public notices and open data

NOTHING = Q(pk__in=[])


# -- who the person is -------------------------------------------------------------------

def _signed_in(user) -> bool:
    return user.is_authenticated and user.is_active


def _platform(user) -> bool:
    """Platform admins and ministry officers: they see every organisation's records."""
    return _signed_in(user) and (user.is_platform_admin or user.is_ministry_officer)


def _admin(user) -> bool:
    return _signed_in(user) and user.is_platform_admin


def _writer(user) -> bool:
    """Admins and staff act for their organisation; viewers only read."""
    return _signed_in(user) and user.can_write_for_org


def _kind(user) -> str | None:
    return user.org_kind if _signed_in(user) else None


def _model(label: str):
    return apps.get_model(label)


# -- organisations -----------------------------------------------------------------------

def _organisation_condition(user, action: str) -> Q | None:
    """The filter for `action`: Q() for everything, None for nothing."""
    if not _signed_in(user):
        return None
    if user.is_platform_admin:
        return Q()
    own, kind = user.organisation_id, user.org_kind
    if action == VIEW:
        if user.is_ministry_officer:
            return Q()
        if own is None:
            return None
        if kind in BUYER_KINDS:
            return Q(kind__in=SUPPLIER_SIDE) | Q(pk=own)
        if kind == OrgKind.COOPERATIVE:
            return Q(pk=own) | Q(cooperative_id=own)
        coop = user.organisation.cooperative_id
        return Q(pk=own) | Q(pk=coop) if coop else Q(pk=own)
    if action == VIEW_PRIVATE:
        if user.is_ministry_officer:
            return Q()
        if own is None:
            return None
        return Q(pk=own) | Q(cooperative_id=own) if kind == OrgKind.COOPERATIVE else Q(pk=own)
    if action == CHANGE:
        if own is None or not user.can_write_for_org:
            return None
        return Q(pk=own) | Q(cooperative_id=own) if kind == OrgKind.COOPERATIVE else Q(pk=own)
    if action == VERIFY:
        if user.is_ministry_officer:
            return Q(kind__in=SUPPLIER_SIDE)
        if kind == OrgKind.COOPERATIVE and user.is_org_admin:
            return Q(cooperative_id=own, kind=OrgKind.SUPPLIER)
        return None
    raise ValueError(f"unknown action {action!r} for organisations")


def _organisation_filter(user, action: str) -> Q | None:
    condition = _organisation_condition(user, action)
    if condition is not None and not _platform(user):
        condition &= Q(is_active=True) | Q(pk=user.organisation_id)
    return condition


def _organisations(user, qs, action):
    condition = _organisation_filter(user, action)
    return qs.none() if condition is None else qs.filter(condition)


def _organisations_for(user, action):
    return _organisations(user, _model("accounts.Organisation").objects.all(), action)


def _owned_by(action_on_owner: str):
    """Rows of an organisation (its TKDN records, its NIB document): for whoever may do
    `action_on_owner` on that organisation."""
    def rule(user, qs, action):
        if action != VIEW:
            raise ValueError(f"unknown action {action!r} for {qs.model._meta.label}")
        return qs.filter(organisation__in=_organisations_for(user, action_on_owner))
    return rule


# -- people and notifications ------------------------------------------------------------

def _users(user, qs, action):
    if action != VIEW:
        raise ValueError(f"unknown action {action!r} for people")
    if not _signed_in(user):
        return qs.none()
    if user.is_platform_admin:
        return qs
    if user.organisation_id is None:
        return qs.filter(pk=user.pk)
    return qs.filter(organisation_id=user.organisation_id)


def _notifications(user, qs, action):
    if action != VIEW:
        raise ValueError(f"unknown action {action!r} for notifications")
    return qs.filter(user=user) if _signed_in(user) else qs.none()


# -- tenders and bids --------------------------------------------------------------------

def _tenders(user, qs, action):
    if action == PUBLIC:
        return qs.filter(published_at__isnull=False)
    if not _signed_in(user):
        return qs.none()
    own = Q(buyer_id=user.organisation_id) if user.organisation_id else NOTHING
    if action == MANAGE:
        if user.is_platform_admin:
            return qs
        return qs.filter(own) if _writer(user) else qs.none()
    if action != VIEW:
        raise ValueError(f"unknown action {action!r} for tenders")
    if _platform(user):
        return qs
    if _kind(user) in SUPPLIER_SIDE:
        return qs.filter(own | Q(published_at__isnull=False))
    return qs.filter(own)


def _bids(user, qs, action):
    if action == PUBLIC:
        return qs.none()  # bid statistics are open data's own figures, never the rows
    if action != VIEW:
        raise ValueError(f"unknown action {action!r} for bids")
    platform = _platform(user)
    if not _signed_in(user) or (user.organisation_id is None and not platform):
        return qs.none()
    own = Q(bidder_id=user.organisation_id) if user.organisation_id else NOTHING
    opened = Q(tender__opened_at__isnull=False)
    if platform:
        return qs.filter(own | opened)
    # A subquery, not a join through the tender's bids: the join multiplied every bid by
    # the bids of its tender and needed DISTINCT over the sealed columns (2 s a page for a
    # 200-bid tender, bench/tenders/evaluation_bench.py).
    fellow = Q(tender_id__in=qs.model._base_manager.filter(
        bidder_id=user.organisation_id).values("tender_id"))
    buyer = Q(tender__buyer_id=user.organisation_id)
    return qs.filter(own | (opened & (buyer | fellow)))


def _bid_documents(user, qs, action):
    """A document is seen by exactly those who see its bid."""
    return qs.filter(bid__in=_bids(user, _model("tenders.Bid").objects.all(), action))


def _bid_events(user, qs, action):
    if action != VIEW:
        raise ValueError(f"unknown action {action!r} for bid events")
    if not _signed_in(user) or user.organisation_id is None:
        return qs.none()
    return qs.filter(bid__bidder_id=user.organisation_id)


def _objections(user, qs, action):
    """An objection to an award: the tender's buyer, the objector's own people, the ministry
    and platform admins."""
    if action != VIEW:
        raise ValueError(f"unknown action {action!r} for objections")
    if _platform(user):
        return qs
    if not _signed_in(user) or user.organisation_id is None:
        return qs.none()
    return qs.filter(Q(tender__buyer_id=user.organisation_id)
                     | Q(bidder_id=user.organisation_id))


# -- allocation plans --------------------------------------------------------------------

def _plans(user, qs, action):
    if action == CHANGE:
        return qs.filter(cooperative__in=_organisations_for(user, CHANGE))
    private = _organisations_for(user, VIEW_PRIVATE)
    if action == VIEW_WHOLE:
        return qs.filter(cooperative__in=private)
    if action != VIEW:
        raise ValueError(f"unknown action {action!r} for plans")
    condition = Q(cooperative__in=private)
    if _signed_in(user) and user.organisation_id:
        mine = _model("allocation.PlanMember").objects.filter(
            organisation_id=user.organisation_id, organisation__in=private)
        condition |= Q(pk__in=mine.values("plan_id"))
    return qs.filter(condition)


# -- contracts and what runs under them --------------------------------------------------

def _own_or_platform(user, qs, action, parties: Callable[[int], Q]):
    """`parties(organisation)`: the rows an organisation is a party to. view: its people,
    the ministry and platform admins; manage: what `parties` says for its writers, all for
    platform admins (callers pass the buyer's side for manage)."""
    if (action == VIEW and _platform(user)) or (action == MANAGE and _admin(user)):
        return qs
    if not _signed_in(user) or user.organisation_id is None:
        return qs.none()
    if action == MANAGE:
        return qs.filter(parties(user.organisation_id)) if _writer(user) else qs.none()
    if action != VIEW:
        raise ValueError(f"unknown action {action!r} for {qs.model._meta.label}")
    return qs.filter(parties(user.organisation_id))


def _contracts(user, qs, action):
    if action == MANAGE:
        return _own_or_platform(user, qs, action, lambda org: Q(buyer_id=org))
    made_here = _model("contracts.CallOff")._base_manager.filter
    return _own_or_platform(user, qs, action, lambda org: (
        Q(buyer_id=org) | Q(supplier_id=org)
        | Q(pk__in=made_here(maker_id=org).values("item__contract_id"))))


def _under_contract(contract: str, maker: str):
    """Rows under a contract (call-offs, deliveries): its buyer, its supplier and the
    foundry that makes them; manage: the buyer's side."""
    def rule(user, qs, action):
        if action == MANAGE:
            return _own_or_platform(user, qs, action,
                                    lambda org: Q(**{f"{contract}__buyer_id": org}))
        return _own_or_platform(user, qs, action, lambda org: (
            Q(**{f"{contract}__buyer_id": org}) | Q(**{f"{contract}__supplier_id": org})
            | Q(**{maker: org})))
    return rule


def _switching_states(user, qs, action):
    if action == MANAGE:
        return _own_or_platform(user, qs, action, lambda org: Q(buyer_id=org))
    return _own_or_platform(user, qs, action,
                            lambda org: Q(buyer_id=org) | Q(supplier_id=org))


def _invoiced(invoice: str):
    """Invoices and what hangs off them (`invoice`: the path to the Invoice, "" for itself):
    the contract's two parties; manage: the buyer's side."""
    prefix = f"{invoice}__" if invoice else ""

    def rule(user, qs, action):
        buyer, supplier = f"{prefix}contract__buyer_id", f"{prefix}contract__supplier_id"
        if action == MANAGE:
            return _own_or_platform(user, qs, action, lambda org: Q(**{buyer: org}))
        return _own_or_platform(user, qs, action,
                                lambda org: Q(**{buyer: org}) | Q(**{supplier: org}))
    return rule


def _commitments(user, qs, action):
    """A partner is an organisation; a cooperative partner's members see it, and a
    cooperative sees what its members are partners to."""
    if action == CHANGE:
        return _own_or_platform(user, qs, MANAGE, lambda org: Q(buyer_id=org))
    organisations = _model("accounts.Organisation")._base_manager
    partnered = qs.model.partners.through._base_manager

    def parties(org):
        own_cooperative = organisations.filter(pk=org).values("cooperative_id")
        partners = partnered.filter(Q(organisation_id=org) | Q(organisation__cooperative_id=org)
                                    | Q(organisation_id__in=own_cooperative))
        return Q(buyer_id=org) | Q(pk__in=partners.values("partnershipcommitment_id"))
    return _own_or_platform(user, qs, action, parties)


# -- requests for quotation -------------------------------------------------------------

def _rfqs(user, qs, action):
    if action == MANAGE:
        if not (_writer(user) and user.organisation_id):
            return qs.none()
        return qs.filter(buyer_id=user.organisation_id)
    if action != VIEW:
        raise ValueError(f"unknown action {action!r} for {qs.model._meta.label}")
    if _platform(user):
        return qs
    if not _signed_in(user) or user.organisation_id is None:
        return qs.none()
    org = user.organisation_id
    invited = _model("rfqs.RfqInvitation")._base_manager.filter(
        Q(supplier_id=org) | Q(supplier__cooperative_id=org))
    return qs.filter(Q(buyer_id=org) | Q(pk__in=invited.values("rfq_id")))


def _as_rfq(path: str):
    """Rows of an RFQ (its drawing): for whoever sees the RFQ."""
    def rule(user, qs, action):
        return qs.filter(**{f"{path}__in": _rfqs(user, _model("rfqs.Rfq").objects.all(),
                                                 action)})
    return rule


def _quotations(user, qs, action):
    """Sealed: its quoter's people; from the deadline the buyer's people too."""
    if action != VIEW:
        raise ValueError(f"unknown action {action!r} for quotations")
    if not _signed_in(user) or user.organisation_id is None:
        return qs.none()
    org = user.organisation_id
    return qs.filter(Q(supplier_id=org) | Q(rfq__buyer_id=org, rfq__deadline__lte=clock.now(),
                                             withdrawn_at__isnull=True))


def _sampled(rfq: str, quoter: str):
    """A sample order and what hangs off it: the buyer's and the chosen quoter's people, the
    ministry and platform admins; manage: the buyer's writers."""
    def rule(user, qs, action):
        if action == MANAGE:
            if not (_writer(user) and user.organisation_id):
                return qs.none()
            return qs.filter(**{f"{rfq}__buyer_id": user.organisation_id})
        return _own_or_platform(user, qs, action, lambda org: (
            Q(**{f"{rfq}__buyer_id": org}) | Q(**{quoter: org})))
    return rule


# -- the ministry's view ------------------------------------------------------------------

def _imported_alternatives(user, qs, action):
    """view: the ministry and platform admins every record; others the market's (no buyer
    named) and a buyer's people its own too. change: platform admins; the recording
    organisation's writers (the ministry's officers, a buyer's admins and staff)."""
    if (action == VIEW and _platform(user)) or (action == CHANGE and _admin(user)):
        return qs
    if not _signed_in(user) or user.organisation_id is None:
        return qs.none()
    org = user.organisation_id
    if action == CHANGE:
        return qs.filter(recorded_for_id=org) if _writer(user) else qs.none()
    if action != VIEW:
        raise ValueError(f"unknown action {action!r} for {qs.model._meta.label}")
    return qs.filter(Q(buyer__isnull=True) | Q(buyer_id=org) | Q(recorded_for_id=org))


def _scenarios(owner: str):
    """Scenarios (`owner`: "owner_id") and what hangs on one, as its scenario (e.g.
    "scenario__owner_id"). view: the owner's people, the ministry and platform admins;
    change: the owner's writers, platform admins."""
    def rule(user, qs, action):
        return _own_or_platform(user, qs, MANAGE if action == CHANGE else action,
                                lambda org: Q(**{owner: org}))
    return rule


def _early_warnings(user, qs, action):
    """view: the ministry and platform admins; change: nobody (the system detects them)."""
    if action not in (VIEW, CHANGE):
        raise ValueError(f"unknown action {action!r} for {qs.model._meta.label}")
    return qs if action == VIEW and _platform(user) else qs.none()


# -- business matching (pasok.mediation) -------------------------------------------------

def _taking_part(org: int, path: str) -> Q:
    """Rows `path` names an organisation of: `org` itself or one of its members (a
    cooperative's)."""
    return Q(**{f"{path}_id": org}) | Q(**{f"{path}__cooperative_id": org})


def _run_by_platform(user, qs, action, reads):
    """Business matching: the platform (ministry officers and platform admins) runs and reads
    every row; another organisation reads the rows `reads(its id)` admits."""
    if action == MANAGE:
        return qs if _platform(user) else qs.none()
    if action != VIEW:
        raise ValueError(f"unknown action {action!r} for {qs.model._meta.label}")
    if _platform(user):
        return qs
    if not _signed_in(user) or user.organisation_id is None:
        return qs.none()
    return qs.filter(reads(user.organisation_id))


def _mediation_events(event: str):
    """Events (`event`: "" for the event itself, "event" for what hangs on it): organisations
    on the event's list (or their cooperative) read them."""
    prefix = f"{event}__" if event else ""

    def reads(org):
        listed = _model("mediation.Participant")._base_manager.filter(
            _taking_part(org, "organisation"))
        return Q(**{f"{prefix}pk__in": listed.values("event_id")})
    return lambda user, qs, action: _run_by_platform(user, qs, action, reads)


def _pairings(pairing: str):
    """Pairings (`pairing`: "" for themselves, the path to one for what hangs on it): the
    pair's own organisations and a cooperative its members' read them."""
    prefix = f"{pairing}__" if pairing else ""

    def reads(org):
        return _taking_part(org, f"{prefix}buyer") | _taking_part(org, f"{prefix}supplier")
    return lambda user, qs, action: _run_by_platform(user, qs, action, reads)


# -- the audit log -----------------------------------------------------------------------

def _audit_admin_of(user) -> int | None:
    """The organisation whose events `user` reads as its admin (None: none)."""
    return user.organisation_id if _signed_in(user) and user.is_org_admin else None


def _audit_events(user, qs, action):
    if action != VIEW:
        raise ValueError(f"unknown action {action!r} for the audit log")
    from pasok.audit.actions import actions_with_own_readers

    if _platform(user):
        default = Q()
    elif _audit_admin_of(user) is not None:
        default = Q(organisation_id=_audit_admin_of(user))
    else:
        return qs.none()
    own_readers = actions_with_own_readers()
    condition = default & ~Q(action__in=list(own_readers))
    for code, readers in own_readers.items():
        condition |= Q(action=code) & AUDIT_READERS[readers](user, default)
    return qs.filter(condition)


def _bidders_until_opening(user, default: Q) -> Q:
    """A bid's events are about its bidder (their organisation), whose admins read them;
    once the tender is opened, also whoever reads the tender's events (the platform, the
    ministry, the buyer's admins)."""
    bid = _model("tenders.Bid")
    own_organisation = _audit_admin_of(user)
    own = Q(organisation_id=own_organisation) if own_organisation else NOTHING
    opened = bid.objects.filter(tender__opened_at__isnull=False)
    if not _platform(user):
        if own_organisation is None:
            return NOTHING
        opened = opened.filter(tender__buyer_id=own_organisation)
    keys = opened.annotate(key=Cast("pk", CharField())).values("key")
    return own | Q(object_type=bid._meta.label_lower, object_id__in=keys)


def _and_the_askers(user, default: Q) -> Q:
    """The tender's readers, and the asker's own admins (the event is about the buyer)."""
    own_organisation = _audit_admin_of(user)
    return default | (Q(actor__organisation_id=own_organisation) if own_organisation
                      else NOTHING)


def _quoters_until_deadline(user, default: Q) -> Q:
    """A quotation's events are about its quoter, whose admins read them; from the RFQ's
    deadline also the buyer's admins, the ministry and platform admins (that it came in
    and its digest: never what it says)."""
    quotation = _model("rfqs.Quotation")
    own_organisation = _audit_admin_of(user)
    own = Q(organisation_id=own_organisation) if own_organisation else NOTHING
    closed = quotation._base_manager.filter(rfq__deadline__lte=clock.now())
    if not _platform(user):
        if own_organisation is None:
            return NOTHING
        closed = closed.filter(rfq__buyer_id=own_organisation)
    keys = closed.annotate(key=Cast("pk", CharField())).values("key")
    return own | Q(object_type=quotation._meta.label_lower, object_id__in=keys)


# The readers an audit action may name instead of the default (audit.actions.Action.readers).
BIDDERS_UNTIL_OPENING, AND_THE_ASKERS = "bidders_until_opening", "and_the_askers"
QUOTERS_UNTIL_DEADLINE = "quoters_until_deadline"
AUDIT_READERS: dict[str, Callable[..., Q]] = {
    BIDDERS_UNTIL_OPENING: _bidders_until_opening, AND_THE_ASKERS: _and_the_askers,
    QUOTERS_UNTIL_DEADLINE: _quoters_until_deadline}


# -- the system, and a person through a service (accounts.actors) ------------------------

def _actor_rows(actor, queryset):
    """Every row for the system; for a person through a service, the rows it decided on."""
    if isinstance(actor, actors.System):
        return queryset
    return queryset.filter(pk__in=actor.pks(queryset.model))


def _actor_may(actor, objects) -> bool:
    """The system may do anything; a person through a service what it decided on: every one
    of `objects` (a question about none of them is not one it decided)."""
    if isinstance(actor, actors.System):
        return True
    return bool(objects) and all(actor.names(obj) for obj in objects)


# -- the rules, and asking them ----------------------------------------------------------

RULES: dict[str, Callable] = {
    "accounts.Organisation": _organisations,
    "accounts.User": _users,
    "accounts.Notification": _notifications,
    "accounts.NibDocument": _owned_by(VIEW_PRIVATE),
    "tenders.Tender": _tenders,
    "tenders.Bid": _bids,
    "tenders.BidDocument": _bid_documents,
    "tenders.BidEvent": _bid_events,
    "tenders.Objection": _objections,
    "allocation.Plan": _plans,
    "contracts.Contract": _contracts,
    "contracts.CallOff": _under_contract("item__contract", "maker_id"),
    "contracts.Delivery": _under_contract("call_off__item__contract", "call_off__maker_id"),
    "contracts.PartnershipCommitment": _commitments,
    "inspection.Inspection": _under_contract("delivery__call_off__item__contract",
                                             "delivery__call_off__maker_id"),
    "inspection.NonConformanceReport": _under_contract(
        "inspection__delivery__call_off__item__contract",
        "inspection__delivery__call_off__maker_id"),
    "inspection.SwitchingState": _switching_states,
    "payments.Invoice": _invoiced(""),
    "payments.InvoiceLine": _invoiced("invoice"),
    "payments.Payment": _invoiced("invoice"),
    "tkdn.TkdnCertificate": _owned_by(VIEW),
    "tkdn.Worksheet": _owned_by(VIEW_PRIVATE),
    "tkdn.BmpDeclaration": _owned_by(VIEW_PRIVATE),
    "rfqs.Rfq": _rfqs,
    "rfqs.RfqDrawing": _as_rfq("rfq"),
    "rfqs.Quotation": _quotations,
    "rfqs.SampleOrder": _sampled("rfq", "quotation__supplier_id"),
    "rfqs.FirstArticleInspection": _sampled("sample_order__rfq",
                                            "sample_order__quotation__supplier_id"),
    "insights.ImportedAlternative": _imported_alternatives,
    "insights.Scenario": _scenarios("owner_id"),
    "insights.ScenarioHandoff": _scenarios("scenario__owner_id"),
    "insights.EarlyWarning": _early_warnings,
    "mediation.MediationEvent": _mediation_events(""),
    "mediation.Participant": _mediation_events("event"),
    "mediation.Pairing": _pairings(""),
    "mediation.StageReached": _pairings("pairing"),
    "mediation.FollowUp": _pairings("pairing"),
    "audit.AuditEvent": _audit_events,
}


def restrict(user, queryset, action: str = VIEW):
    """The rows of `queryset` `user` may `action`."""
    if actors.answers_for(user):
        return _actor_rows(user, queryset)
    return RULES[queryset.model._meta.label](user, queryset, action)


class RestrictedQuerySet(models.QuerySet):
    """A model's rows as this module's rules let a person have them."""

    def restrict(self, user, action: str = VIEW):
        return restrict(user, self, action)

    def visible_to(self, user):
        return restrict(user, self, VIEW)


def may(user, action: str, obj) -> bool:
    """True when `user` may do `action` on `obj` (one query)."""
    return restrict(user, type(obj)._default_manager.all(), action).filter(pk=obj.pk).exists()


def allowed(user, organisation, actions) -> set[str]:
    """Which of `actions` `user` may do on `organisation`, asked together (one query at
    most: a page that shows several buttons asks once)."""
    if actors.answers_for(user):
        return set(actions) if _actor_may(user, [organisation]) else set()
    conditions = {a: c for a in actions
                  if (c := _organisation_filter(user, a)) is not None}
    if not conditions:
        return set()
    flags = {a: Value(True) if not c else Case(When(c, then=True), default=False)
             for a, c in conditions.items()}
    row = (_model("accounts.Organisation").objects.filter(pk=organisation.pk)
           .values(**flags).first() or {})
    return {a for a, flag in row.items() if flag}


# -- what is not a row: may this person use this part of Pasok at all ---------------------

def _actors_too(question):
    """The question answered for the system and a person through a service too."""
    @wraps(question)
    def ask(user, *args, **kwargs):
        if actors.answers_for(user):
            return _actor_may(user, [a for a in args if isinstance(a, models.Model)])
        return question(user, *args, **kwargs)
    return ask


@_actors_too
def may_verify_organisations(user) -> bool:
    """The verification queue: platform admins, ministry officers and cooperative admins (for
    their members)."""
    return _platform(user) or (_kind(user) == OrgKind.COOPERATIVE and user.is_org_admin)


@_actors_too
def may_search_suppliers(user) -> bool:
    """Capability search is for buyers, cooperatives (over their members) and the ministry."""
    return _platform(user) or _kind(user) in (*BUYER_KINDS, OrgKind.COOPERATIVE)


@_actors_too
def may_import_suppliers(user) -> bool:
    """Bulk import: the ministry, platform admins, and a cooperative's admins for members."""
    return _platform(user) or (_kind(user) == OrgKind.COOPERATIVE and user.is_org_admin)


@_actors_too
def imports_for_any_cooperative(user) -> bool:
    """Platform admins and ministry officers import for any cooperative (or none); a
    cooperative's admin only members of their own."""
    return _platform(user)


@_actors_too
def may_unlock_sign_in(user) -> bool:
    """Lifting a pause on signing in (too many wrong passwords): platform admins only."""
    return _admin(user)


@_actors_too
def may_use_admin_site(user) -> bool:
    """The read-only admin site: platform admins only."""
    return _admin(user)


@_actors_too
def may_add_person(user, organisation, platform_role: str = "") -> bool:
    """Platform admins add anyone; an organisation's admin adds colleagues to it, never a
    platform role."""
    return _admin(user) or (_signed_in(user) and user.is_org_admin and organisation is not None
                            and user.organisation_id == organisation.pk and not platform_role)


@_actors_too
def may_manage_colleagues(user, person=None) -> bool:
    """The people page's form (and a colleague's new invitation): an organisation's admins,
    for their own organisation's people."""
    return (_signed_in(user) and user.is_org_admin
            and (person is None or person.organisation_id == user.organisation_id))


@_actors_too
def may_read_audit(user) -> bool:
    """The audit log page: the platform, the ministry, and organisations' admins."""
    return _platform(user) or (_signed_in(user) and user.is_org_admin)


@_actors_too
def may_list_plans(user) -> bool:
    """The plans page: cooperatives, their members, the ministry and platform admins."""
    if _platform(user):
        return True
    if not _signed_in(user) or user.organisation_id is None:
        return False
    org = user.organisation
    return org.kind == OrgKind.COOPERATIVE or org.cooperative_id is not None


@_actors_too
def may_create_plans(user) -> bool:
    return _kind(user) == OrgKind.COOPERATIVE and _writer(user)


@_actors_too
def may_create_tenders(user) -> bool:
    """A buyer's admins and staff draft tenders for it."""
    return _kind(user) in BUYER_KINDS and _writer(user)


@_actors_too
def may_manage_tender(user, tender_or_buyer) -> bool:
    """The buyer's admins and staff, and platform admins, run a tender (a Tender or a buyer),
    without a query (the tender's buyer is known)."""
    buyer_id = getattr(tender_or_buyer, "buyer_id", getattr(tender_or_buyer, "pk", None))
    return _admin(user) or (_writer(user) and user.organisation_id == buyer_id)


@_actors_too
def may_bid(user) -> bool:
    """Suppliers and cooperatives bid, by their admins and staff (the tender's stage is the
    lifecycle's question)."""
    return _kind(user) in SUPPLIER_SIDE and _writer(user)


@_actors_too
def may_change_own_bid(user, bid) -> bool:
    return _writer(user) and user.organisation_id == bid.bidder_id


@_actors_too
def may_ask_questions(user) -> bool:
    return may_bid(user)


@_actors_too
def may_object(user, tender) -> bool:
    """A bidder of the tender (a standing bid) objects to its award, by its admins and
    staff."""
    return may_bid(user) and _model("tenders.Bid").objects.filter(
        tender=tender, bidder_id=user.organisation_id, withdrawn_at__isnull=True).exists()


@_actors_too
def may_read_award_report(user, tender) -> bool:
    """The award report (Berita Acara Hasil Pemilihan): the buyer's people, the ministry and
    platform admins; it lists every opened bid, so only after the award."""
    return tender.awarded_at is not None and (
        _platform(user) or (_signed_in(user) and user.organisation_id == tender.buyer_id))


@_actors_too
def sees_bid_counts(user, tender) -> bool:
    """How many bids each lot has (never who or what): the tender's buyer, the platform and
    the ministry, once it is published."""
    return tender.published_at is not None and (
        _platform(user) or (_signed_in(user) and user.organisation_id == tender.buyer_id))


@_actors_too
def reads_every_organisation(user) -> bool:
    """Platform admins and ministry officers: every organisation's records."""
    return _platform(user)


@_actors_too
def contract_side(user, contract) -> str | None:
    """Which party `user` signs a contract for ("buyer", "supplier"): an admin of that
    organisation; no one signs for another party, platform admins included."""
    if not (_signed_in(user) and user.is_org_admin):
        return None
    return {contract.buyer_id: "buyer", contract.supplier_id: "supplier"}.get(
        user.organisation_id)


@_actors_too
def may_manage_contract(user, contract) -> bool:
    """The buyer's admins and staff, and platform admins, run a contract: amend it, issue
    call-offs, receive and inspect deliveries, record payments (no query)."""
    return _admin(user) or (_writer(user) and user.organisation_id == contract.buyer_id)


@_actors_too
def may_add_contract_document(user, contract) -> bool:
    """Either party's admins and staff, and platform admins."""
    return _admin(user) or (_writer(user) and user.organisation_id in (
        contract.buyer_id, contract.supplier_id))


@_actors_too
def may_create_contracts(user) -> bool:
    return _kind(user) in BUYER_KINDS and _writer(user)


@_actors_too
def may_answer_call_off(user, call_off) -> bool:
    """The foundry that makes a call-off accepts or declines it, by its admins and staff."""
    return _writer(user) and user.organisation_id == call_off.maker_id


@_actors_too
def may_record_delivery(user, call_off, contract) -> bool:
    """A delivery is recorded by the foundry that ships it or by the buyer receiving it."""
    return _admin(user) or (_writer(user) and user.organisation_id in (
        call_off.maker_id, contract.buyer_id))


@_actors_too
def may_use_receiving_dock(user) -> bool:
    """The receiving dock (deliveries awaiting inspection): buyers' people, the ministry and
    platform admins; who inspects is may_manage_contract's question."""
    return _platform(user) or _kind(user) in BUYER_KINDS


@_actors_too
def may_answer_ncr(user, call_off) -> bool:
    """A non-conformance report is answered (root cause, corrective action) by the foundry
    that made the lot, by its admins and staff."""
    return _writer(user) and user.organisation_id == call_off.maker_id


@_actors_too
def may_approve_reduced_inspection(user, state) -> bool:
    """Reduced inspection (ISO 2859-1 9.3.3) is approved by the responsible authority: the
    buyer's admins and staff, and platform admins (no query)."""
    return _admin(user) or (_writer(user) and user.organisation_id == state.buyer_id)


@_actors_too
def may_read_scorecard(user, organisation) -> bool:
    """A supplier's or buyer's scorecard (how it keeps its word: deliveries, quality,
    payments, commitments): its own people, the ministry and platform admins; never its
    counterparts or competitors (no query)."""
    return _platform(user) or (_signed_in(user) and organisation is not None
                               and user.organisation_id == organisation.pk)


@_actors_too
def may_invoice(user, contract) -> bool:
    """The contract's supplier issues and corrects its invoices, by its admins and staff
    (no query)."""
    return _writer(user) and user.organisation_id == contract.supplier_id


@_actors_too
def may_record_payment(user, invoice) -> bool:
    """Payments are recorded by whoever runs the invoice's contract (the buyer's side)."""
    return may_manage_contract(user, invoice.contract)


@_actors_too
def may_list_overdue(user) -> bool:
    """The overdue invoices page: everyone signed in for an organisation (each sees the
    invoices it is a party to), the ministry and platform admins (all of them)."""
    return _platform(user) or (_signed_in(user) and user.organisation_id is not None)


@_actors_too
def may_create_rfqs(user) -> bool:
    """A buyer's admins and staff send requests for quotation for it."""
    return _kind(user) in BUYER_KINDS and _writer(user)


@_actors_too
def may_manage_rfq(user, rfq) -> bool:
    """The buyer's admins and staff run its RFQ: order a sample, record and decide the first
    article, make the contract (no query)."""
    return _writer(user) and user.organisation_id == rfq.buyer_id


@_actors_too
def may_compare_quotations(user, rfq) -> bool:
    """The comparison of an RFQ's quotations and whom it invited: the buyer's people (the
    quotations themselves open only at the deadline: the Quotation rule)."""
    return _signed_in(user) and user.organisation_id == rfq.buyer_id


@_actors_too
def may_quote(user) -> bool:
    """Suppliers and cooperatives quote, by their admins and staff (whether the RFQ invited
    them is the service's question)."""
    return _kind(user) in SUPPLIER_SIDE and _writer(user)


@_actors_too
def may_change_own_quotation(user, quotation) -> bool:
    return _writer(user) and user.organisation_id == quotation.supplier_id


def may_read_insights(user) -> bool:
    """The cluster dashboard and scenarios: the ministry and platform admins over the whole
    cluster, a cooperative's people over its members (no query)."""
    return _platform(user) or _kind(user) == OrgKind.COOPERATIVE


def may_find_opportunities(user) -> bool:
    """The opportunity finder: whoever reads the insights (the cluster, or a cooperative's
    members) and a foundry's people, for its own next steps (no query)."""
    return may_read_insights(user) or _kind(user) == OrgKind.SUPPLIER


def may_read_early_warnings(user) -> bool:
    """The early warnings of substitution read buyers' needs and imports across the
    platform: the ministry and platform admins only (no query), as EarlyWarning's rows."""
    return _platform(user)


def insights_cooperative_id(user) -> int | None:
    """Whose foundries a person's cluster dashboard covers: their cooperative's members
    (its id), or None for the whole cluster (the ministry, platform admins). Ask
    may_read_insights first."""
    return None if _platform(user) else user.organisation_id


@_actors_too
def may_save_scenarios(user) -> bool:
    """Scenarios are saved by ministry officers and a cooperative's admins and staff, for
    their organisation (platform admins read them, as support)."""
    return (_signed_in(user) and user.organisation_id is not None and _writer(user)
            and (user.is_ministry_officer or _kind(user) == OrgKind.COOPERATIVE))


@_actors_too
def may_record_imports(user, organisation=None) -> bool:
    """Imported alternatives are recorded by ministry officers and buyers' admins and staff,
    for their own organisation (`organisation`, when given: the one it is recorded for)."""
    return (_signed_in(user) and user.organisation_id is not None and _writer(user)
            and (user.is_ministry_officer or _kind(user) in BUYER_KINDS)
            and (organisation is None or organisation.pk == user.organisation_id))


def import_may_name(organisation, buyer) -> bool:
    """May an imported alternative recorded for `organisation` name `buyer` as the one that
    buys it (None: an offer on the market)? A buyer only itself; the ministry (and a
    platform admin, of no organisation) any buyer."""
    return (buyer is None or organisation is None or not organisation.is_buyer
            or buyer.pk == organisation.pk)


def buyers_an_import_may_name(organisation, buyers):
    """Of `buyers` (a queryset), those an alternative recorded for `organisation` may name."""
    if organisation is not None and organisation.is_buyer:
        return buyers.filter(pk=organisation.pk)
    return buyers


def may_read_imports(user) -> bool:
    """The imported alternatives and their fair comparison: whoever reads the insights and
    buyers' people (each reads its own records and the market's: _imported_alternatives)."""
    return may_read_insights(user) or _kind(user) in BUYER_KINDS


@_actors_too
def may_run_mediation(user) -> bool:
    """Business matching events are organised and recorded by ministry officers and
    platform admins (no query)."""
    return _platform(user)


@_actors_too
def may_read_mediation(user) -> bool:
    """The events list and the funnel: the platform, and every organisation's people
    (each reads the events it took part in: _mediation_events)."""
    return _platform(user) or (_signed_in(user) and user.organisation_id is not None)


@_actors_too
def may_complete_follow_up(user, follow_up) -> bool:
    """A follow-up is marked done by its owner or by whoever runs events (no query)."""
    return _platform(user) or (_signed_in(user) and follow_up.owner_id == user.pk)

