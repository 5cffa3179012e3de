"""Clarification questions while bids are open, and the buyer's answers."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.actors import requires_actor
from pasok.accounts.models import User
from pasok.accounts.permissions import may_manage_tender
from pasok.audit.services import audit_record

from ..lifecycle import Action
from ..models import (
    Question,
    Tender,
)
from .guards import locked, require_allowed


@requires_actor
@transaction.atomic
def question_ask(*, by: User, tender: Tender, text: str) -> Question:
    """A supplier asks for clarification while bids are open."""
    tender = locked(tender)
    if not permissions.may_ask_questions(by):
        raise PermissionDenied
    require_allowed(tender, Action.ASK)
    if not text.strip():
        raise ValidationError({"text": [_("Write the question.")]})
    question = Question.objects.create(tender=tender, asked_by_id=by.organisation_id,
                                       text=text.strip(), asked_at=clock.now())
    audit_record(actor=by, action="tender.question", obj=question,
                 organisation=tender.buyer, after={"text": question.text})
    return question


@requires_actor
@transaction.atomic
def question_answer(*, by: User, question: Question, answer: str) -> Question:
    if not may_manage_tender(by, question.tender):
        raise PermissionDenied
    if not answer.strip():
        raise ValidationError({"answer": [_("Write the answer.")]})
    question = Question.objects.select_for_update().get(pk=question.pk)
    before = {"answer": question.answer}
    question.answer, question.answered_at = answer.strip(), clock.now()
    question.save(update_fields=["answer", "answered_at"])
    audit_record(actor=by, action="tender.answer", obj=question,
                 organisation=question.tender.buyer, before=before,
                 after={"answer": question.answer})
    return question
