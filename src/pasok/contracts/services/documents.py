"""A contract's documents: either party's admins and staff add them (checked by their bytes,
pasok.web.uploads), whoever sees the contract reads them."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.accounts.actors import Actor, person_of, requires_actor
from pasok.audit.services import audit_record
from pasok.web import uploads

from ..models import Contract, ContractDocument


@requires_actor
@transaction.atomic
def contract_document_add(*, by: Actor, contract: Contract, title: str,
                          upload: uploads.Upload) -> ContractDocument:
    if not permissions.may_add_contract_document(by, contract):
        raise PermissionDenied
    if not title.strip():
        raise ValidationError({"title": [_("Say what the document is.")]})
    try:
        content_type = uploads.check(title.strip(), upload)
    except ValidationError as wrong:
        raise ValidationError({"upload": wrong.messages}) from wrong
    document = ContractDocument.objects.create(
        contract=contract, title=title.strip(), filename=uploads.clean_filename(upload.filename),
        content_type=content_type, size=len(upload.data), sha256=upload.sha256,
        data=upload.data, uploaded_at=clock.now(), uploaded_by=person_of(by))
    audit_record(actor=by, action="contract.document", obj=contract,
                 organisation=contract.buyer,
                 after={"title": document.title, "sha256": document.sha256})
    return document
