"""Invoice and payment pages: a contract's invoices with what is left to invoice of each
delivery, the supplier's invoice form (new and correction), the invoice's own page, the
buyer's payment form, and the overdue invoices with their days late."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from pasok import clock
from pasok.accounts import permissions
from pasok.contracts.models import Contract
from pasok.contracts.pricing import unit_price_for
from pasok.months import month_start
from pasok.rules import payment_terms
from pasok.web.form_errors import Rows, add_service_errors
from pasok.web.paging import page_of

from . import selectors, services
from .forms import InvoiceForm, LineFormSet, PaymentForm
from .models import Invoice

OVERDUE_PAGE_SIZE = 50


def _contract(request, public_id) -> Contract:
    return get_object_or_404(Contract.objects.visible_to(request.user)
                             .select_related("buyer", "supplier"), public_id=public_id)


def _invoice(request, public_id) -> Invoice:
    return get_object_or_404(Invoice.objects.visible_to(request.user)
                             .select_related("contract__buyer", "supplier"),
                             public_id=public_id)


@login_required
def contract_invoices(request, public_id):
    user = request.user
    contract = _contract(request, public_id)
    today = clock.today()
    invoices = list(Invoice.objects.visible_to(user).filter(contract=contract)
                    .order_by("-issued_on", "-pk"))
    for invoice in invoices:
        invoice.days_late = selectors.days_late(invoice, today)
    deliveries = selectors.deliveries_to_invoice(user, contract)
    return render(request, "payments/contract.html", {
        "contract": contract, "invoices": invoices, "deliveries": deliveries,
        "may_invoice": permissions.may_invoice(user, contract)
        and any(d.left for d in deliveries)})


def _line_rows(request, contract, invoice=None):
    """The deliveries a form may invoice: what is left of each, plus (for a correction) what
    this invoice holds of it; with the units it holds as the form's initial quantity, and
    the unit price it will be invoiced at."""
    held = dict(invoice.lines.values_list("delivery_id", "quantity")) if invoice else {}
    rows = []
    for row in selectors.deliveries_to_invoice(request.user, contract):
        row.left += held.get(row.pk, 0)
        row.held = held.get(row.pk)
        row.unit_price = unit_price_for(row.call_off.item, month_start(row.received_on))
        if row.left:
            rows.append(row)
    return rows


def _invoice_form(request, contract, invoice=None):
    """The invoice form, new (`invoice` None) or a correction."""
    if not permissions.may_invoice(request.user, contract):
        raise PermissionDenied
    rows = _line_rows(request, contract, invoice)
    posted = request.method == "POST"
    form = None if invoice else InvoiceForm(request.POST if posted else None,
                                            initial={"issued_on": clock.today()})
    lines = LineFormSet(request.POST if posted else None, prefix="line", initial=[
        {"delivery": row.public_id, "quantity": row.held} for row in rows])
    if posted and (form is None or form.is_valid()) and lines.is_valid():
        by_id = {row.public_id: row for row in rows}
        sent = [f for f in lines if f.cleaned_data.get("quantity")]
        chosen = [(by_id.get(f.cleaned_data["delivery"]), f.cleaned_data["quantity"])
                  for f in sent]
        try:
            if invoice is None:
                invoice = services.invoice_issue(
                    by=request.user, contract=contract, lines=chosen,
                    number=form.cleaned_data["number"],
                    issued_on=form.cleaned_data["issued_on"])
                messages.success(request, _("Invoice issued; the buyer is told."))
            else:
                services.invoice_correct(by=request.user, invoice=invoice, lines=chosen)
                messages.success(request, _("Invoice corrected; the buyer is told."))
        except ValidationError as exc:
            add_service_errors(form or lines.forms, exc, {"lines": Rows(lines, sent)})
        else:
            return redirect("payments:invoice", public_id=invoice.public_id)
    return render(request, "payments/invoice_form.html", {
        "contract": contract, "invoice": invoice, "form": form, "lines": lines,
        "pairs": _pairs(lines, rows)})


def _pairs(lines, rows):
    """Each line form with the delivery it is for (by the id it carries: a posted form
    keeps its own even if the deliveries changed meanwhile)."""
    by_id = {str(row.public_id): row for row in rows}
    pairs = [(f, by_id.get(str(f["delivery"].value()))) for f in lines.forms]
    return [(f, row) for f, row in pairs if row is not None]


@login_required
def invoice_new(request, public_id):
    return _invoice_form(request, _contract(request, public_id))


@login_required
def invoice_correct(request, public_id):
    invoice = _invoice(request, public_id)
    return _invoice_form(request, invoice.contract, invoice)


@login_required
def invoice_detail(request, public_id):
    user = request.user
    invoice = _invoice(request, public_id)
    payments = list(invoice.payments.all())
    today = clock.today()
    days_late = payment_terms.lateness(invoice.amount, invoice.due_on,
                                       [(p.paid_on, p.amount) for p in payments], today)
    may_pay = permissions.may_record_payment(user, invoice) and invoice.left_to_pay > 0
    return render(request, "payments/invoice.html", {
        "invoice": invoice, "contract": invoice.contract, "payments": payments,
        "lines": invoice.lines.select_related("delivery__call_off__item"),
        "left": invoice.left_to_pay, "days_late": days_late,
        "overdue": invoice.settled_on is None and invoice.due_on < today,
        "may_pay": may_pay, "may_correct": permissions.may_invoice(user, invoice.contract),
        "payment_form": PaymentForm(initial={"paid_on": today, "amount": invoice.left_to_pay})
        if may_pay else None})


@login_required
def payment_new(request, public_id):
    invoice = _invoice(request, public_id)
    if not permissions.may_record_payment(request.user, invoice):
        raise PermissionDenied
    form = PaymentForm(request.POST if request.method == "POST" else None,
                       initial={"paid_on": clock.today(), "amount": invoice.left_to_pay})
    if request.method == "POST" and form.is_valid():
        try:
            services.payment_record(by=request.user, invoice=invoice, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Payment recorded; the supplier is told."))
            return redirect("payments:invoice", public_id=invoice.public_id)
    return render(request, "payments/payment_form.html", {
        "invoice": invoice, "contract": invoice.contract, "form": form})


@login_required
def overdue_list(request):
    """Unpaid invoices past due, the latest first: a buyer its own, a supplier those owed to
    it, the ministry and platform admins every one."""
    user = request.user
    if not permissions.may_list_overdue(user):
        raise PermissionDenied
    today = clock.today()
    invoices = Invoice.objects.visible_to(user)
    buyer = request.GET.get("buyer", "")
    if buyer.isdigit():  # one buyer's (the ministry looking at a BUMN): its id, as in links
        invoices = invoices.filter(contract__buyer_id=int(buyer))
    page = page_of(selectors.overdue(invoices, today), request.GET.get("page"),
                   OVERDUE_PAGE_SIZE)
    for invoice in page.object_list:
        invoice.days_late = selectors.days_late(invoice, today)
    return render(request, "payments/overdue.html", {
        "page": page, "invoices": page.object_list, "today": today})
