"""Who is told what about a contract: the other party, after the work commits."""

from django.db import transaction

from pasok.web.links import base_url


def tell_other_party(contract, by, event: str) -> None:
    """The party that did not act is told (both, when the system acted)."""
    from ..tasks import send_contract_notice

    acting = getattr(by, "organisation_id", None)
    links = base_url()
    transaction.on_commit(lambda: send_contract_notice.enqueue(
        contract_id=contract.pk, event=event, acting_organisation_id=acting, base_url=links))


def tell_about_call_off(call_off, event: str) -> None:
    """Issued: the maker is told; answered: the buyer."""
    from ..tasks import send_call_off_notice

    links = base_url()
    transaction.on_commit(lambda: send_call_off_notice.enqueue(
        call_off_id=call_off.pk, event=event, base_url=links))
