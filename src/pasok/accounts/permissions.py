"""Who may see and change which organisation: the one place this is decided.

Every page, API route, export and admin view asks `Organisation.objects.restrict(user, action)`
(after NetBox's RestrictedQuerySet). Actions:

- view: platform admins and ministry officers see every organisation; a buyer sees the
  supplier side (suppliers and cooperatives) and itself; a cooperative sees itself and its
  members; a supplier sees itself and its cooperative; anonymous users see nothing.
- change: platform admins; admins and staff of the organisation; admins and staff of the
  cooperative for its members.
- verify: platform admins and ministry officers for any supplier-side organisation; a
  cooperative's admins for its members.
- view_private (a supplier's cost build-up, e.g. TKDN worksheets): the organisation's own
  people, its cooperative, ministry officers and platform admins — never buyers or
  competitors.
"""

from django.db import models
from django.db.models import Case, Q, Value, When

VIEW, CHANGE, VERIFY, VIEW_PRIVATE = "view", "change", "verify", "view_private"
_SUPPLIER_SIDE = ("supplier", "cooperative")
_BUYERS = ("bumn_buyer", "private_buyer")


def _org_filter(user, action: str) -> Q | None:
    """The filter for `action`, Q() for everything, or None for nothing."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_platform_admin:
        return Q()
    own = user.organisation_id
    kind = user.org_kind
    if action == VIEW:
        if user.is_ministry_officer:
            return Q()
        if own is None:
            return None
        if kind in _BUYERS:
            return Q(kind__in=_SUPPLIER_SIDE) | Q(pk=own)
        if kind == "cooperative":
            return Q(pk=own) | Q(cooperative_id=own)
        coop = user.organisation.cooperative_id
        return Q(pk=own) | Q(pk=coop) if coop else Q(pk=own)
    if action == VIEW_PRIVATE:
        if user.is_ministry_officer:
            return Q()
        if own is None:
            return None
        if kind == "cooperative":
            return Q(pk=own) | Q(cooperative_id=own)
        return Q(pk=own)
    if action == CHANGE:
        if own is None or not user.can_write_for_org:
            return None
        if kind == "cooperative":
            return Q(pk=own) | Q(cooperative_id=own)
        return Q(pk=own)
    if action == VERIFY:
        if user.is_ministry_officer:
            return Q(kind__in=_SUPPLIER_SIDE)
        if kind == "cooperative" and user.is_org_admin:
            return Q(cooperative_id=own, kind="supplier")
        return None
    raise ValueError(f"unknown action {action!r}")


def _condition(user, action: str) -> Q | None:
    condition = _org_filter(user, action)
    if condition is not None and not (user.is_platform_admin or user.is_ministry_officer):
        # A sign-up whose e-mail is not confirmed yet is nobody's business but its own.
        condition &= Q(is_active=True) | Q(pk=user.organisation_id)
    return condition


class OrganisationQuerySet(models.QuerySet):
    def restrict(self, user, action: str = VIEW):
        condition = _condition(user, action)
        return self.none() if condition is None else self.filter(condition)

    def visible_to(self, user):
        return self.restrict(user, VIEW)

    def supplier_side(self):
        return self.filter(kind__in=_SUPPLIER_SIDE)


def may(user, action: str, organisation) -> bool:
    """True when `user` may do `action` on `organisation` (one query)."""
    from .models import Organisation

    return Organisation.objects.restrict(user, action).filter(pk=organisation.pk).exists()


def allowed(user, organisation, actions) -> set[str]:
    """Which of `actions` `user` may do on `organisation`, asked together (one query at
    most: a page that shows several buttons asks once)."""
    from .models import Organisation

    conditions = {a: c for a in actions if (c := _condition(user, a)) is not None}
    if not conditions:
        return set()
    flags = {a: Value(True) if not c else Case(When(c, then=True), default=False)
             for a, c in conditions.items()}
    row = Organisation.objects.filter(pk=organisation.pk).values(**flags).first() or {}
    return {a for a, flag in row.items() if flag}


def may_verify_organisations(user) -> bool:
    """The verification queue: platform admins, ministry officers and cooperative admins (for
    their members)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return (user.is_platform_admin or user.is_ministry_officer
            or (user.org_kind == "cooperative" and user.is_org_admin))


def may_search_suppliers(user) -> bool:
    """Capability search is for buyers, cooperatives (over their members) and the ministry."""
    if not user.is_authenticated:
        return False
    return (user.is_platform_admin or user.is_ministry_officer
            or user.org_kind in (*_BUYERS, "cooperative"))


def may_import_suppliers(user) -> bool:
    """Bulk import: the ministry, platform admins, and a cooperative's admins for members."""
    if not user.is_authenticated:
        return False
    return (user.is_platform_admin or user.is_ministry_officer
            or (user.org_kind == "cooperative" and user.is_org_admin))


def may_unlock_sign_in(user) -> bool:
    """Lifting a pause on signing in (too many wrong passwords): platform admins only."""
    return user.is_authenticated and user.is_active and user.is_platform_admin
