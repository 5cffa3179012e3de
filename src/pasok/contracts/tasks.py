"""News about contracts and call-off orders, sent by the task worker after the work commits
(accounts.notices: each person in their own language and zone)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from pasok import clock
from pasok.accounts.notices import notify, people_of
from pasok.months import add_months, month_start

from .models import CallOff, CallOffStatus, Contract

_CONTRACT_NEWS = {
    "proposed": lambda c: _("%(buyer)s proposes contract %(ref)s %(title)s: read and sign "
                            "it.") % {"buyer": c.buyer.name, "ref": c.reference,
                                      "title": c.title},
    "amended": lambda c: _("Contract %(ref)s has an amendment awaiting your signature.")
    % {"ref": c.reference},
    "signed": lambda c: _("Contract %(ref)s was signed: %(status)s.")
    % {"ref": c.reference, "status": c.status_label},
}


@task()
def send_contract_notice(*, contract_id: int, event: str, acting_organisation_id: int | None,
                         base_url: str | None = None) -> int:
    contract = Contract.objects.select_related("buyer", "supplier").get(pk=contract_id)
    if event in ("proposed", "amended") and not contract.versions.filter(
            withdrawn_at__isnull=True).exclude(buyer_signed_at__isnull=False,
                                              supplier_signed_at__isnull=False).exists():
        return 0  # signed by both before the news went out: nothing awaits the reader
    parties = [o for o in (contract.buyer_id, contract.supplier_id)
               if o != acting_organisation_id]
    return notify(people_of(organisation_id__in=parties),
                  subject=lambda: _("Contract %(ref)s on Pasok") % {"ref": contract.reference},
                  text=lambda: _CONTRACT_NEWS[event](contract),
                  link=reverse("contracts:detail", args=[contract.public_id]),
                  base_url=base_url)


@task()
def send_call_off_notice(*, call_off_id: int, event: str, base_url: str | None = None) -> int:
    call_off = CallOff.objects.select_related("item__contract__buyer", "maker").get(
        pk=call_off_id)
    contract = call_off.item.contract
    link = reverse("contracts:call_off", args=[call_off.public_id])
    if (event == "issued" and call_off.status != CallOffStatus.ISSUED) \
            or add_months(call_off.month, 1) <= month_start(clock.today()):
        return 0  # answered already, or its month is over: no longer news
    if event == "issued":
        return notify(
            people_of(organisation_id=call_off.maker_id),
            subject=lambda: _("Call-off order %(ref)s on Pasok") % {"ref": call_off.reference},
            text=lambda: _("%(buyer)s orders %(n)s × %(product)s for %(month)s (%(ref)s): "
                           "accept or decline it.") % {
                "buyer": contract.buyer.name, "n": call_off.quantity,
                "product": call_off.item.product, "month": f"{call_off.month:%m/%Y}",
                "ref": call_off.reference},
            link=link, base_url=base_url)
    return notify(
        people_of(organisation_id=contract.buyer_id),
        subject=lambda: _("Call-off order %(ref)s answered") % {"ref": call_off.reference},
        text=lambda: (_("%(maker)s accepted the call-off order %(ref)s.")
                      if call_off.status == CallOffStatus.ACCEPTED else
                      _("%(maker)s declined the call-off order %(ref)s: %(reason)s")) % {
            "maker": call_off.maker.name, "ref": call_off.reference,
            "reason": call_off.decline_reason},
        link=link, base_url=base_url)
