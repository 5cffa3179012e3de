"""Reads about organisations and people, scoped by accounts/permissions.py."""

from django.core.exceptions import PermissionDenied

from . import permissions
from .models import NibDocument, Organisation


def verification_queue(*, user):
    """Supplier-side organisations `user` may verify and nobody has verified yet: those whose
    e-mail address is confirmed first, then those still waiting for the confirmation; the
    longest waiting first within each."""
    return (Organisation.objects.restrict(user, permissions.VERIFY).supplier_side()
            .filter(verified_at=None)
            .select_related("cooperative", "nib_document").defer("nib_document__data")
            .order_by("-is_active", "created_at", "pk"))


def organisation_for_verification(*, user, pk: int) -> Organisation:
    """The organisation `user` is about to verify: 404 when they may not see it, 403 when they
    see it but may not verify it."""
    org = (Organisation.objects.visible_to(user)
           .select_related("cooperative", "verified_by__organisation").get(pk=pk))
    if not org.is_supplier_side or not permissions.may(user, permissions.VERIFY, org):
        raise PermissionDenied
    return org


def nib_document_of(*, user, organisation_id: int) -> NibDocument:
    """The NIB document with its bytes, for those who may see the organisation's private
    records (permissions.VIEW_PRIVATE); DoesNotExist (404) for anyone else."""
    return NibDocument.objects.visible_to(user).get(organisation_id=organisation_id)
