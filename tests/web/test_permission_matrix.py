"""Every page and API route, as every role: what each may read and write.

The walkers list every route Django and the API know; a route missing from the tables below
fails the test, so a new page cannot ship without deciding who may open it."""

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from pasok import clock
from pasok.accounts.actors import SYSTEM
from pasok.accounts.models import ApiToken
from pasok.accounts.services import (
    api_token_create,
    nib_document_upload,
    organisation_verify,
    user_create,
)
from pasok.api import api
from pasok.audit.models import AuditEvent
from pasok.suppliers.models import Product
from pasok.tenders.services import (
    bid_submit,
    lot_add,
    objection_file,
    question_ask,
    tender_award,
    tender_create,
    tender_evaluate,
    tender_open,
    tender_publish,
)
from pasok.tkdn.services import worksheet_save
from tests.allocation.factories import matrix_args as allocation_matrix_args
from tests.conftest import PASSWORD, STAFF_AND_VIEWERS
from tests.contracts.factories import matrix_args as contract_matrix_args
from tests.insights.factories import MATRIX_ARGS as INSIGHTS_ARGS
from tests.insights.factories import matrix_args as insights_matrix_args
from tests.inspection.factories import MATRIX_ARGS as INSPECTION_ARGS
from tests.inspection.factories import matrix_args as inspection_matrix_args
from tests.mediation.factories import MATRIX_ARGS as MEDIATION_ARGS
from tests.mediation.factories import matrix_args as mediation_matrix_args
from tests.payments.factories import matrix_args as payments_matrix_args
from tests.rfqs.factories import MATRIX_ARGS as RFQ_ARGS
from tests.rfqs.factories import matrix_args as rfq_matrix_args
from tests.tenders.files import PNG, nib_pdf
from tests.tenders.test_evaluation_pdf import pdf_text

# The columns of the tables below: anonymous, then organisations' admins and platform roles.
COLUMNS = ("anonymous", "supplier_a", "supplier_b", "cooperative", "buyer_x", "buyer_y",
           "ministry", "admin")
# Staff and viewers (tests/conftest.py) expect their admin's column, except in UNLIKE_ADMIN.
ROLES = COLUMNS + tuple(STAFF_AND_VIEWERS)
LOGIN = "login"  # a redirect to the sign-in page


def row(anonymous, supplier_a, supplier_b, cooperative, buyer_x, buyer_y, ministry, admin):
    return dict(zip(COLUMNS, (anonymous, supplier_a, supplier_b, cooperative, buyer_x,
                              buyer_y, ministry, admin), strict=True))


# (method, url name, how to build its arguments) → expected status per role.
# Arguments: "a" = supplier A, "member" = a cooperative member, "x" = buyer X, "token" =
# supplier A's token.
PAGES = {
    ("GET", "shell:home", None): row(200, 200, 200, 200, 200, 200, 200, 200),
    ("GET", "accounts:login", None): row(200, 302, 302, 302, 302, 302, 302, 302),
    ("POST", "accounts:logout", None): row(302, 302, 302, 302, 302, 302, 302, 302),
    ("GET", "accounts:signup", None): row(200, 200, 200, 200, 200, 200, 200, 200),
    ("GET", "accounts:confirm", "bad-token"): row(400, 400, 400, 400, 400, 400, 400, 400),
    ("GET", "accounts:resend-confirmation", None): row(200, 200, 200, 200, 200, 200, 200, 200),
    ("POST", "accounts:resend-confirmation", None):
        row(200, 200, 200, 200, 200, 200, 200, 200),
    ("GET", "accounts:tokens", None): row(LOGIN, 200, 200, 200, 200, 200, 200, 200),
    ("POST", "accounts:token-revoke", "token"): row(LOGIN, 302, 404, 404, 404, 404, 404, 404),
    ("GET", "accounts:sign-in-pauses", None): row(LOGIN, 403, 403, 403, 403, 403, 403, 200),
    ("POST", "accounts:sign-in-unlock", "person_a"):
        row(LOGIN, 403, 403, 403, 403, 403, 403, 302),
    ("GET", "accounts:password-change", None): row(LOGIN, 200, 200, 200, 200, 200, 200, 200),
    ("POST", "accounts:password-change", None): row(LOGIN, 200, 200, 200, 200, 200, 200, 200),
    # The admin's own "change password" would change it past the services.
    ("GET", "admin-password-change", None): row(302, 302, 302, 302, 302, 302, 302, 302),
    ("GET", "accounts:notifications", None): row(LOGIN, 200, 200, 200, 200, 200, 200, 200),
    ("GET", "accounts:people", None): row(LOGIN, 200, 200, 200, 200, 200, 200, 403),
    ("POST", "accounts:people", None): row(LOGIN, 200, 200, 200, 200, 200, 200, 403),
    ("POST", "accounts:person-reinvite", "invitee_a"):
        row(LOGIN, 302, 404, 404, 404, 404, 404, 403),
    ("GET", "accounts:verification", None): row(LOGIN, 403, 403, 200, 403, 403, 200, 200),
    ("GET", "accounts:verify", "member"): row(LOGIN, 404, 404, 200, 403, 403, 200, 200),
    ("POST", "accounts:verify", "member"): row(LOGIN, 404, 404, 200, 403, 403, 200, 200),
    ("GET", "accounts:nib-document", "nib_a"): row(LOGIN, 200, 404, 404, 404, 404, 200, 200),
    ("GET", "accounts:nib-document", "nib_member"):
        row(LOGIN, 404, 404, 200, 404, 404, 200, 200),
    ("GET", "accounts:nib-document-upload", "a"): row(LOGIN, 200, 404, 404, 403, 403, 403, 200),
    ("GET", "accounts:nib-document-upload", "member"):
        row(LOGIN, 404, 404, 200, 403, 403, 403, 200),
    ("POST", "accounts:nib-document-upload", "a"):
        row(LOGIN, 200, 404, 404, 403, 403, 403, 200),
    ("GET", "accounts:password-reset", None): row(200, 200, 200, 200, 200, 200, 200, 200),
    ("GET", "accounts:password-reset-done", None): row(200, 200, 200, 200, 200, 200, 200, 200),
    ("GET", "accounts:password-reset-confirm", "bad-link"):
        row(200, 200, 200, 200, 200, 200, 200, 200),
    ("GET", "suppliers:search", None): row(LOGIN, 403, 403, 200, 200, 200, 200, 200),
    ("GET", "suppliers:export-csv", None): row(LOGIN, 403, 403, 200, 200, 200, 200, 200),
    ("GET", "suppliers:export-xlsx", None): row(LOGIN, 403, 403, 200, 200, 200, 200, 200),
    ("GET", "suppliers:import", None): row(LOGIN, 403, 403, 200, 403, 403, 200, 200),
    ("GET", "suppliers:import-template", None): row(LOGIN, 403, 403, 200, 403, 403, 200, 200),
    ("GET", "suppliers:organisation", "a"): row(LOGIN, 200, 404, 404, 200, 200, 200, 200),
    ("GET", "suppliers:organisation", "member"): row(LOGIN, 404, 404, 200, 200, 200, 200, 200),
    ("GET", "suppliers:edit", "a"): row(LOGIN, 200, 404, 404, 403, 403, 403, 200),
    ("GET", "suppliers:edit", "member"): row(LOGIN, 404, 404, 200, 403, 403, 403, 200),
    ("GET", "tkdn:overview", "a"): row(LOGIN, 200, 404, 404, 200, 200, 200, 200),
    ("GET", "tkdn:overview", "member"): row(LOGIN, 404, 404, 200, 200, 200, 200, 200),
    ("GET", "tkdn:worksheet-new", "a"): row(LOGIN, 200, 404, 404, 403, 403, 403, 200),
    ("GET", "tkdn:worksheet-new", "member"): row(LOGIN, 404, 404, 200, 403, 403, 403, 200),
    ("GET", "tkdn:worksheet-import", "a"): row(LOGIN, 200, 404, 404, 403, 403, 403, 200),
    ("GET", "tkdn:bmp", "a"): row(LOGIN, 200, 404, 404, 403, 403, 403, 200),
    ("GET", "tkdn:certificate-new", "a"): row(LOGIN, 200, 404, 404, 403, 403, 403, 200),
    ("GET", "tkdn:worksheet", "ws_a"): row(LOGIN, 200, 404, 404, 404, 404, 200, 200),
    ("GET", "tkdn:worksheet", "ws_member"): row(LOGIN, 404, 404, 200, 404, 404, 200, 200),
    ("GET", "tkdn:worksheet-edit", "ws_a"): row(LOGIN, 200, 404, 404, 404, 404, 403, 200),
    ("GET", "tkdn:worksheet-xlsx", "ws_a"): row(LOGIN, 200, 404, 404, 404, 404, 200, 200),
    ("GET", "tkdn:worksheet-pdf", "ws_a"): row(LOGIN, 200, 404, 404, 404, 404, 200, 200),
    ("GET", "tenders:list", None): row(LOGIN, 200, 200, 200, 200, 200, 200, 200),
    ("GET", "tenders:new", None): row(LOGIN, 403, 403, 403, 200, 200, 403, 403),
    ("GET", "tenders:detail", "t"): row(LOGIN, 200, 200, 200, 200, 404, 200, 200),
    ("GET", "tenders:detail", "t_draft"): row(LOGIN, 404, 404, 404, 200, 404, 200, 200),
    ("GET", "tenders:edit", "t_draft"): row(LOGIN, 404, 404, 404, 200, 404, 403, 200),
    ("GET", "tenders:bid", "t_lot"): row(LOGIN, 200, 200, 200, 403, 404, 403, 403),
    # Withdrawing asks first (200: the confirmation page); the POST with `confirm` does it.
    ("POST", "tenders:bid-withdraw", "t_bid"): row(LOGIN, 200, 404, 404, 404, 404, 404, 404),
    # The receipt right after submitting; without a fresh one in the session, the bid's page.
    ("GET", "tenders:bid-receipt", "t_bid"): row(LOGIN, 302, 404, 404, 404, 404, 404, 404),
    ("GET", "tenders:bid-document", "t_doc"): row(LOGIN, 200, 404, 404, 404, 404, 404, 404),
    # A bid's own page and its receipt: its bidder's people only, before and after opening.
    ("GET", "tenders:own-bid", "t_bid"): row(LOGIN, 200, 404, 404, 404, 404, 404, 404),
    ("GET", "tenders:own-bid-pdf", "t_bid"): row(LOGIN, 200, 404, 404, 404, 404, 404, 404),
    # Without `confirm` publishing, awarding and cancelling show what they will do (200).
    ("POST", "tenders:publish", "t_draft"): row(LOGIN, 404, 404, 404, 200, 404, 403, 200),
    ("POST", "tenders:open", "t"): row(LOGIN, 403, 403, 403, 302, 404, 403, 302),
    ("POST", "tenders:evaluate", "t"): row(LOGIN, 403, 403, 403, 302, 404, 403, 302),
    ("POST", "tenders:award", "t"): row(LOGIN, 403, 403, 403, 302, 404, 403, 302),
    ("POST", "tenders:cancel", "t"): row(LOGIN, 403, 403, 403, 302, 404, 403, 302),
    ("POST", "tenders:ask", "t"): row(LOGIN, 302, 302, 302, 403, 404, 403, 403),
    ("POST", "tenders:answer", "t_question"): row(LOGIN, 403, 403, 403, 302, 404, 403, 302),
    ("POST", "tenders:award-split", "t"): row(LOGIN, 403, 403, 403, 302, 404, 403, 302),
    ("POST", "tenders:award-optimised", "t"): row(LOGIN, 403, 403, 403, 302, 404, 403, 302),
    ("POST", "tenders:follow-up", "t"): row(LOGIN, 403, 403, 403, 302, 404, 403, 302),
    ("GET", "tenders:evaluation", "t"): row(LOGIN, 403, 403, 403, 403, 404, 403, 403),
    ("GET", "tenders:split-proposal", "t"): row(LOGIN, 403, 403, 403, 403, 404, 403, 403),
    ("GET", "tenders:evaluation-xlsx", "t"): row(LOGIN, 403, 403, 403, 403, 404, 403, 403),
    ("GET", "tenders:evaluation-pdf", "t"): row(LOGIN, 403, 403, 403, 403, 404, 403, 403),
    # Addenda while bids are open; a bidder confirms its bid against the latest one (none
    # here: refused with a message).
    ("GET", "tenders:addendum", "t"): row(LOGIN, 403, 403, 403, 200, 404, 403, 200),
    ("POST", "tenders:addendum", "t"): row(LOGIN, 403, 403, 403, 200, 404, 403, 200),
    ("POST", "tenders:bid-confirm", "t_bid"): row(LOGIN, 302, 404, 404, 404, 404, 404, 404),
    # The objection period: only after the award; supplier A bid and objected, supplier B
    # did not bid.
    ("GET", "tenders:objections", "t"): row(LOGIN, 403, 403, 403, 403, 404, 403, 403),
    ("GET", "tenders:objections", "t_awarded"): row(LOGIN, 200, 200, 200, 200, 404, 200, 200),
    ("POST", "tenders:objections", "t_awarded"):
        row(LOGIN, 200, 403, 403, 403, 404, 403, 403),
    ("POST", "tenders:objection-answer", "t_objection"):
        row(LOGIN, 403, 404, 404, 302, 404, 403, 302),
    ("GET", "tenders:award-report", "t"): row(LOGIN, 403, 403, 403, 403, 404, 403, 403),
    ("GET", "tenders:award-report", "t_awarded"):
        row(LOGIN, 403, 403, 403, 200, 404, 200, 200),
    ("GET", "audit:list", None): row(LOGIN, 200, 200, 200, 200, 200, 200, 200),
    ("GET", "allocation:list", None): row(LOGIN, 403, 403, 200, 403, 403, 200, 200),
    ("GET", "allocation:new", None): row(LOGIN, 403, 403, 200, 403, 403, 403, 403),
    ("GET", "allocation:plan", "plan"): row(LOGIN, 404, 404, 200, 404, 404, 200, 200),
    ("GET", "allocation:edit", "plan"): row(LOGIN, 404, 404, 200, 404, 404, 403, 200),
    ("GET", "allocation:offers", "plan"): row(LOGIN, 404, 404, 200, 404, 404, 403, 200),
    ("POST", "allocation:solve", "plan"): row(LOGIN, 404, 404, 302, 404, 404, 403, 302),
    ("POST", "allocation:what-if", "plan"): row(LOGIN, 404, 404, 200, 404, 404, 403, 200),
    ("POST", "allocation:capacity", "plan"): row(LOGIN, 404, 404, 200, 404, 404, 403, 200),
    ("GET", "allocation:run", "run"): row(LOGIN, 404, 404, 200, 404, 404, 200, 200),
    ("GET", "allocation:progress", "run"): row(LOGIN, 404, 404, 200, 404, 404, 200, 200),
    # Buyer X's contract with supplier A: the parties, the ministry and platform admins
    # read it; the buyer's side runs it; each party signs for itself.
    ("GET", "contracts:list", None): row(LOGIN, 200, 200, 200, 200, 200, 200, 200),
    ("GET", "contracts:detail", "contract"): row(LOGIN, 200, 404, 404, 200, 404, 200, 200),
    ("POST", "contracts:detail", "contract"): row(LOGIN, 403, 404, 404, 200, 404, 403, 200),
    ("POST", "contracts:sign", "contract_unsigned"):
        row(LOGIN, 302, 404, 404, 302, 404, 403, 403),
    ("GET", "contracts:amend", "contract"): row(LOGIN, 403, 404, 404, 200, 404, 403, 200),
    ("POST", "contracts:from_plan", "contract"): row(LOGIN, 403, 404, 404, 302, 404, 403, 302),
    ("POST", "contracts:indices", "contract"): row(LOGIN, 403, 404, 404, 302, 404, 403, 302),
    ("POST", "contracts:document_add", "contract"):
        row(LOGIN, 302, 404, 404, 302, 404, 403, 302),
    ("GET", "contracts:document", "contract_doc"):
        row(LOGIN, 200, 404, 404, 200, 404, 200, 200),
    ("POST", "contracts:amend", "contract"): row(LOGIN, 403, 404, 404, 200, 404, 403, 200),
    ("POST", "contracts:from_award", "t_awarded"):
        row(LOGIN, 403, 403, 403, 302, 404, 403, 302),
    ("GET", "contracts:call_off", "call_off"): row(LOGIN, 200, 404, 404, 200, 404, 200, 200),
    ("POST", "contracts:call_off", "call_off_accepted"):
        row(LOGIN, 200, 404, 404, 200, 404, 403, 200),
    ("POST", "contracts:answer", "call_off"): row(LOGIN, 302, 404, 404, 403, 404, 403, 403),
    ("GET", "contracts:commitments", None): row(LOGIN, 200, 200, 200, 200, 200, 200, 200),
    ("POST", "contracts:commitments", None): row(LOGIN, 403, 403, 403, 200, 200, 403, 403),
    ("GET", "contracts:partner-names", None): row(LOGIN, 403, 403, 403, 200, 200, 403, 403),
    ("GET", "contracts:commitment", "commitment"):
        row(LOGIN, 404, 404, 200, 200, 404, 200, 200),
    ("POST", "contracts:commitment", "commitment"):
        row(LOGIN, 404, 404, 403, 200, 404, 403, 200),
    # Inspection (buyer X's lot of 200 from supplier A): the dock is the buyers' (and the
    # platform's) page; the buyer's writers inspect and accept a corrective action, the
    # foundry that made the lot answers its NCR; the parties, the ministry and platform
    # admins read. The empty POSTs are refused with the form shown again (200).
    ("GET", "inspection:dock", None): row(LOGIN, 403, 403, 403, 200, 200, 200, 200),
    ("GET", "inspection:inspect", "lot"): row(LOGIN, 403, 404, 404, 200, 404, 403, 200),
    ("POST", "inspection:inspect", "lot"): row(LOGIN, 403, 404, 404, 200, 404, 403, 200),
    ("GET", "inspection:inspect", "lot_inspected"):
        row(LOGIN, 200, 404, 404, 200, 404, 200, 200),
    ("GET", "inspection:ncr", "ncr"): row(LOGIN, 200, 404, 404, 200, 404, 200, 200),
    ("POST", "inspection:ncr", "ncr"): row(LOGIN, 200, 404, 404, 403, 404, 403, 403),
    ("POST", "inspection:ncr-accept", "ncr"): row(LOGIN, 403, 404, 404, 302, 404, 403, 302),
    ("GET", "inspection:switching", None): row(LOGIN, 200, 200, 200, 200, 200, 200, 200),
    ("POST", "inspection:reduced-approval", "switching_state"):
        row(LOGIN, 403, 404, 404, 302, 404, 403, 302),
    # A scorecard: the organisation's own people, the ministry and platform admins
    # (may_read_scorecard); 404 where the organisation itself is not theirs to see.
    ("GET", "scorecards:organisation", "a"): row(LOGIN, 200, 404, 404, 403, 403, 200, 200),
    ("GET", "scorecards:organisation", "x"): row(LOGIN, 404, 404, 404, 200, 404, 200, 200),
    ("GET", "scorecards:organisation-csv", "a"):
        row(LOGIN, 200, 404, 404, 403, 403, 200, 200),
    ("GET", "scorecards:organisation-csv", "x"):
        row(LOGIN, 404, 404, 404, 200, 404, 200, 200),
    # Scenarios (may_read_insights, may_save_scenarios): the ministry over the whole cluster,
    # a cooperative over its members; a scenario is its owner's, the ministry and platform
    # admins read every one; changed by its owner's writers and platform admins.
    ("GET", "insights:scenarios", None): row(LOGIN, 403, 403, 200, 403, 403, 200, 200),
    ("GET", "insights:scenario_new", None): row(LOGIN, 403, 403, 200, 403, 403, 200, 403),
    ("POST", "insights:scenario_new", None): row(LOGIN, 403, 403, 200, 403, 403, 200, 403),
    ("GET", "insights:scenario_compare", None): row(LOGIN, 403, 403, 302, 403, 403, 302, 302),
    ("GET", "insights:foundry-names", None): row(LOGIN, 403, 403, 200, 403, 403, 200, 403),
    ("GET", "insights:scenario", "scenario_ministry"):
        row(LOGIN, 404, 404, 404, 404, 404, 200, 200),
    ("GET", "insights:scenario", "scenario_coop"): row(LOGIN, 404, 404, 200, 404, 404, 200, 200),
    ("GET", "insights:scenario_progress", "scenario_coop"):
        row(LOGIN, 404, 404, 200, 404, 404, 200, 200),
    ("GET", "insights:scenario_input", "scenario_ministry"):
        row(LOGIN, 404, 404, 404, 404, 404, 200, 200),
    ("GET", "insights:scenario_edit", "scenario_ministry"):
        row(LOGIN, 404, 404, 404, 404, 404, 200, 200),
    ("GET", "insights:scenario_edit", "scenario_coop"):
        row(LOGIN, 404, 404, 200, 404, 404, 403, 200),
    ("POST", "insights:scenario_edit", "scenario_coop"):
        row(LOGIN, 404, 404, 200, 404, 404, 403, 200),
    ("POST", "insights:scenario_rerun", "scenario_coop"):
        row(LOGIN, 404, 404, 302, 404, 404, 403, 302),
    ("POST", "insights:scenario_delete", "scenario_coop"):
        row(LOGIN, 404, 404, 302, 404, 404, 403, 302),
    # A scenario's new order handed to the allocation engine: as its scenario (its readers
    # see the proposal; its changers queue it and use the engine's choice).
    ("GET", "insights:scenario_handoff", "handoff_coop"):
        row(LOGIN, 404, 404, 200, 404, 404, 200, 200),
    ("POST", "insights:scenario_handoff", "handoff_coop"):
        row(LOGIN, 404, 404, 302, 404, 404, 403, 302),
    ("GET", "insights:scenario_handoff_progress", "handoff_coop"):
        row(LOGIN, 404, 404, 200, 404, 404, 200, 200),
    ("POST", "insights:scenario_handoff_use", "handoff_coop"):
        row(LOGIN, 404, 404, 302, 404, 404, 403, 302),
    # The cluster dashboard: the ministry and platform admins over every foundry, a
    # cooperative's people over its members (may_read_insights); its charts' downloads alike.
    ("GET", "insights:dashboard", None): row(LOGIN, 403, 403, 200, 403, 403, 200, 200),
    ("GET", "insights:dashboard-export", "chart"): row(LOGIN, 403, 403, 200, 403, 403, 200, 200),
    # New markets: the ranked families for the insights' readers, a foundry's own next steps
    # (may_find_opportunities); the ranking's chart is the readers' only.
    ("GET", "insights:opportunities", None): row(LOGIN, 200, 200, 200, 403, 403, 200, 200),
    ("GET", "insights:opportunities-chart", "fmt_csv"):
        row(LOGIN, 404, 404, 200, 403, 403, 200, 200),
    ("GET", "insights:opportunities-progress", None):
        row(LOGIN, 404, 404, 200, 403, 403, 200, 200),
    ("GET", "insights:opportunity", "family"): row(LOGIN, 200, 200, 200, 403, 403, 200, 200),
    # Invoices of buyer X's contract with supplier A: the supplier issues and corrects them,
    # the buyer records payments; the overdue list is everyone's own (the ministry's all).
    ("GET", "payments:overdue", None): row(LOGIN, 200, 200, 200, 200, 200, 200, 200),
    ("GET", "payments:contract", "pay_contract"): row(LOGIN, 200, 404, 404, 200, 404, 200, 200),
    ("GET", "payments:invoice-new", "pay_contract"):
        row(LOGIN, 200, 404, 404, 403, 404, 403, 403),
    ("POST", "payments:invoice-new", "pay_contract"):
        row(LOGIN, 200, 404, 404, 403, 404, 403, 403),
    ("GET", "payments:invoice", "pay_invoice"): row(LOGIN, 200, 404, 404, 200, 404, 200, 200),
    ("GET", "payments:invoice-correct", "pay_invoice"):
        row(LOGIN, 200, 404, 404, 403, 404, 403, 403),
    ("POST", "payments:invoice-correct", "pay_invoice"):
        row(LOGIN, 200, 404, 404, 403, 404, 403, 403),
    ("GET", "payments:payment-new", "pay_invoice"): row(LOGIN, 403, 404, 404, 200, 404, 403, 200),
    ("POST", "payments:payment-new", "pay_invoice"):
        row(LOGIN, 403, 404, 404, 200, 404, 403, 200),
    # Imported alternatives: the ministry and buyers' writers record them (for their own
    # organisation); the ministry and platform admins read every record, a buyer its own and
    # the market's, a cooperative (which reads the insights) the market's; suppliers none.
    # The recording organisation's writers and platform admins correct one.
    ("GET", "insights:imports", None): row(LOGIN, 403, 403, 200, 200, 200, 200, 200),
    ("GET", "insights:import-new", None): row(LOGIN, 403, 403, 403, 200, 200, 200, 403),
    ("POST", "insights:import-new", None): row(LOGIN, 403, 403, 403, 200, 200, 200, 403),
    ("GET", "insights:import", "import_x"): row(LOGIN, 403, 403, 404, 200, 404, 200, 200),
    ("GET", "insights:import", "import_market"):
        row(LOGIN, 403, 403, 200, 200, 200, 200, 200),
    ("GET", "insights:import-chart", "import_x_chart"):
        row(LOGIN, 403, 403, 404, 200, 404, 200, 200),
    ("GET", "insights:import-edit", "import_x"): row(LOGIN, 403, 403, 404, 200, 404, 403, 200),
    ("POST", "insights:import-edit", "import_x"):
        row(LOGIN, 403, 403, 404, 200, 404, 403, 200),
    ("GET", "insights:import-edit", "import_market"):
        row(LOGIN, 403, 403, 403, 403, 403, 200, 200),
    # Requests for quotation: buyer Y's (a private buyer), sent to suppliers A and B (not the
    # cooperative's member); A has quoted. The RFQ: the buyer's people, the invited (and
    # their cooperative), the ministry and platform admins; sending: buyers' writers;
    # quoting: the invited suppliers' writers; the comparison, the sample order, the first
    # article and the contract: the buyer's people (may_compare_quotations, may_manage_rfq).
    ("GET", "rfqs:list", None): row(LOGIN, 200, 200, 200, 200, 200, 200, 200),
    ("GET", "rfqs:new", None): row(LOGIN, 403, 403, 403, 200, 200, 403, 403),
    ("POST", "rfqs:new", None): row(LOGIN, 403, 403, 403, 200, 200, 403, 403),
    ("GET", "rfqs:supplier-names", None): row(LOGIN, 403, 403, 403, 200, 200, 403, 403),
    ("GET", "rfqs:detail", "rfq"): row(LOGIN, 200, 200, 404, 404, 200, 200, 200),
    ("GET", "rfqs:drawing", "rfq"): row(LOGIN, 200, 200, 404, 404, 200, 200, 200),
    ("GET", "rfqs:quote", "rfq"): row(LOGIN, 200, 200, 404, 404, 403, 403, 403),
    ("POST", "rfqs:quote", "rfq"): row(LOGIN, 200, 200, 404, 404, 403, 403, 403),
    ("POST", "rfqs:withdraw", "rfq"): row(LOGIN, 302, 403, 404, 404, 403, 403, 403),
    ("GET", "rfqs:compare", "rfq_closed"): row(LOGIN, 403, 403, 404, 404, 200, 403, 403),
    ("POST", "rfqs:compare", "rfq_closed"): row(LOGIN, 403, 403, 404, 404, 200, 403, 403),
    ("GET", "rfqs:contract", "rfq_approved"): row(LOGIN, 403, 403, 404, 404, 200, 403, 403),
    ("POST", "rfqs:contract", "rfq_approved"): row(LOGIN, 403, 403, 404, 404, 200, 403, 403),
    ("GET", "rfqs:first-article", "sample"): row(LOGIN, 403, 404, 404, 404, 200, 403, 403),
    ("POST", "rfqs:first-article", "sample"): row(LOGIN, 403, 404, 404, 404, 200, 403, 403),
    ("POST", "rfqs:decide", "first_article"): row(LOGIN, 403, 404, 404, 404, 302, 403, 403),
    # Business matching (may_run_mediation, may_read_mediation): the ministry and platform
    # admins run and read every event; an organisation reads the events it (or a member)
    # was listed at, and its own pairs' pages. The event lists buyer X, supplier A, buyer Y
    # and the cooperative's member; the pairing is buyer X × supplier A, its follow-up
    # owned by buyer X's admin, who marks it done (as the ministry may). The empty POSTs
    # of the ministry's forms show them again with what is missing (200).
    ("GET", "mediation:list", None): row(LOGIN, 200, 200, 200, 200, 200, 200, 200),
    ("GET", "mediation:event-new", None): row(LOGIN, 403, 403, 403, 403, 403, 200, 200),
    ("POST", "mediation:event-new", None): row(LOGIN, 403, 403, 403, 403, 403, 200, 200),
    ("GET", "mediation:organisation-names", None):
        row(LOGIN, 403, 403, 403, 403, 403, 200, 200),
    ("GET", "mediation:follow-ups", None): row(LOGIN, 200, 200, 200, 200, 200, 200, 200),
    ("POST", "mediation:follow-up-done", "follow_up"):
        row(LOGIN, 403, 404, 404, 302, 404, 302, 302),
    ("GET", "mediation:funnel", None): row(LOGIN, 200, 200, 200, 200, 200, 200, 200),
    ("GET", "mediation:funnel-export", "funnel_chart"):
        row(LOGIN, 200, 200, 200, 200, 200, 200, 200),
    ("GET", "mediation:event", "event"): row(LOGIN, 200, 404, 200, 200, 200, 200, 200),
    ("GET", "mediation:event-edit", "event"): row(LOGIN, 403, 404, 403, 403, 403, 200, 200),
    ("POST", "mediation:event-edit", "event"): row(LOGIN, 403, 404, 403, 403, 403, 200, 200),
    ("GET", "mediation:attendance", "event"): row(LOGIN, 403, 404, 403, 403, 403, 200, 200),
    ("POST", "mediation:attendance", "event"): row(LOGIN, 403, 404, 403, 403, 403, 200, 200),
    ("GET", "mediation:pairing-new", "event"): row(LOGIN, 403, 404, 403, 403, 403, 200, 200),
    ("POST", "mediation:pairing-new", "event"): row(LOGIN, 403, 404, 403, 403, 403, 200, 200),
    ("GET", "mediation:pairing", "pairing"): row(LOGIN, 200, 404, 404, 200, 404, 200, 200),
    ("POST", "mediation:pairing", "pairing"): row(LOGIN, 403, 404, 404, 403, 404, 200, 200),
    ("POST", "set_language", None): row(302, 302, 302, 302, 302, 302, 302, 302),
    # For load balancers: no sign-in, tells nothing but that the database answers.
    ("GET", "ops:healthz", None): row(200, 200, 200, 200, 200, 200, 200, 200),
    # A product photo of supplier A: for those who see its profile.
    ("GET", "media", "photo_a"): row(LOGIN, 200, 404, 404, 200, 200, 200, 200),
}

# Where a staff member or viewer differs from their organisation's admin, and why (the rules
# of accounts/permissions.py: admins and staff write, viewers only read; managing people, the
# audit log and verifying members are for admins).
# A write a viewer is refused (403) where their admin may do it; where the admin is refused
# (or does not see the row at all, 404), so are they.
REFUSED = "refused"
READERS = dict.fromkeys(("viewer_a", "viewer_x", "viewer_coop"), REFUSED)
NOT_ADMINS = dict.fromkeys(STAFF_AND_VIEWERS, 403)
UNLIKE_ADMIN: dict[tuple, dict[str, object]] = {
    # Scenarios are saved by writers; a viewer of the cooperative reads them only.
    ("GET", "insights:scenario_new", None): READERS,
    ("POST", "insights:scenario_new", None): READERS,
    ("GET", "insights:foundry-names", None): READERS,
    ("GET", "insights:scenario_edit", "scenario_coop"): READERS,
    ("POST", "insights:scenario_edit", "scenario_coop"): READERS,
    ("POST", "insights:scenario_rerun", "scenario_coop"): READERS,
    ("POST", "insights:scenario_delete", "scenario_coop"): READERS,
    ("POST", "insights:scenario_handoff", "handoff_coop"): READERS,
    ("POST", "insights:scenario_handoff_use", "handoff_coop"): READERS,
    # People management is for an organisation's admins (may_manage_colleagues); seeing
    # one's colleagues is not.
    ("POST", "accounts:people", None): NOT_ADMINS,
    ("POST", "accounts:person-reinvite", "invitee_a"): {"staff_a": 403, "viewer_a": 403},
    # An API token is its owner's alone: supplier A's admin's, not their colleagues'.
    ("POST", "accounts:token-revoke", "token"): {"staff_a": 404, "viewer_a": 404},
    # The audit log is for admins (may_read_audit).
    ("GET", "audit:list", None): NOT_ADMINS,
    # Verifying members and importing them: a cooperative's admins (VERIFY,
    # may_verify_organisations, may_import_suppliers).
    ("GET", "accounts:verification", None): {"staff_coop": 403, "viewer_coop": 403},
    ("GET", "accounts:verify", "member"): {"staff_coop": 403, "viewer_coop": 403},
    ("POST", "accounts:verify", "member"): {"staff_coop": 403, "viewer_coop": 403},
    ("GET", "suppliers:import", None): {"staff_coop": 403, "viewer_coop": 403},
    ("GET", "suppliers:import-template", None): {"staff_coop": 403, "viewer_coop": 403},
    ("POST", "/api/v1/suppliers/{supplier_id}/verify", "member"):
        {"staff_coop": 403, "viewer_coop": 403},
    ("POST", "/api/v1/suppliers/import", None): {"staff_coop": 403, "viewer_coop": 403},
    # Viewers only read: no profile, NIB document, TKDN record, bid, question or
    # tender of their own organisation's is theirs to write.
    ("GET", "accounts:nib-document-upload", "a"): READERS,
    ("GET", "accounts:nib-document-upload", "member"): READERS,
    ("POST", "accounts:nib-document-upload", "a"): READERS,
    ("GET", "suppliers:edit", "a"): READERS,
    ("GET", "suppliers:edit", "member"): READERS,
    ("GET", "tkdn:worksheet-new", "a"): READERS,
    ("GET", "tkdn:worksheet-new", "member"): READERS,
    ("GET", "tkdn:worksheet-import", "a"): READERS,
    ("GET", "tkdn:bmp", "a"): READERS,
    ("GET", "tkdn:certificate-new", "a"): READERS,
    ("GET", "tkdn:worksheet-edit", "ws_a"): READERS,
    ("GET", "tenders:new", None): READERS,
    ("GET", "tenders:edit", "t_draft"): READERS,
    ("GET", "tenders:bid", "t_lot"): READERS,
    ("POST", "tenders:ask", "t"): READERS,
    ("POST", "tenders:bid-withdraw", "t_bid"): READERS,
    ("GET", "allocation:new", None): READERS,
    ("GET", "allocation:edit", "plan"): READERS,
    ("GET", "allocation:offers", "plan"): READERS,
    ("POST", "allocation:solve", "plan"): READERS,
    ("POST", "allocation:what-if", "plan"): READERS,
    ("POST", "allocation:capacity", "plan"): READERS,
    **{("POST", name, arg): READERS for name, arg in (
        ("tenders:publish", "t_draft"), ("tenders:open", "t"), ("tenders:evaluate", "t"),
        ("tenders:award", "t"), ("tenders:cancel", "t"), ("tenders:answer", "t_question"),
        ("tenders:award-split", "t"), ("tenders:award-optimised", "t"),
        ("tenders:follow-up", "t"))},
    ("PATCH", "/api/v1/suppliers/{supplier_id}/profile", "a"): READERS,
    ("POST", "/api/v1/tkdn/suppliers/{supplier_id}/worksheets", "a"): READERS,
    ("POST", "/api/v1/tkdn/worksheets/{worksheet_id}/versions", "ws_a"): READERS,
    ("POST", "/api/v1/tenders/{tender_id}/lots/{lot_id}/bid", "t_lot"): READERS,
    ("POST", "/api/v1/rfqs/{rfq_id}/quotation", "rfq"): READERS,
    # The SPSE steps write too: an addendum and the answer to an objection (the buyer's),
    # confirming a bid and objecting to an award (the bidder's).
    ("GET", "tenders:addendum", "t"): READERS,
    ("POST", "tenders:addendum", "t"): READERS,
    ("POST", "tenders:bid-confirm", "t_bid"): READERS,
    ("POST", "tenders:objections", "t_awarded"): READERS,
    ("POST", "tenders:objection-answer", "t_objection"): READERS,
    # Contracts: the buyer's writes, the maker's answer and deliveries; only an
    # organisation's admins sign for it.
    **{("POST", name, arg): READERS for name, arg in (
        ("contracts:detail", "contract"), ("contracts:amend", "contract"),
        ("contracts:from_plan", "contract"), ("contracts:document_add", "contract"),
        ("contracts:indices", "contract"),
        ("contracts:from_award", "t_awarded"), ("contracts:call_off", "call_off_accepted"),
        ("contracts:answer", "call_off"), ("contracts:commitments", None),
        ("contracts:commitment", "commitment"))},
    ("GET", "contracts:amend", "contract"): READERS,
    ("GET", "contracts:partner-names", None): READERS,
    # Recording and correcting an imported alternative are writes.
    **{(method, name, arg): READERS for method in ("GET", "POST") for name, arg in (
        ("insights:import-new", None), ("insights:import-edit", "import_x"))},
    ("GET", "insights:import-edit", "import_market"): READERS,
    ("POST", "contracts:sign", "contract_unsigned"):
        dict.fromkeys(("staff_a", "viewer_a", "staff_x", "viewer_x"), 403),
    # A follow-up is marked done by its owner (buyer X's admin) or the ministry, not by the
    # owner's colleagues.
    ("POST", "mediation:follow-up-done", "follow_up"): {"staff_x": 403, "viewer_x": 403},
    # Inspecting, accepting a corrective action, approving reduced inspection (the buyer's)
    # and answering an NCR (the maker's) are writes.
    ("GET", "inspection:inspect", "lot"): READERS,
    ("POST", "inspection:inspect", "lot"): READERS,
    ("POST", "inspection:ncr", "ncr"): READERS,
    ("POST", "inspection:ncr-accept", "ncr"): READERS,
    ("POST", "inspection:reduced-approval", "switching_state"): READERS,
    # Sending a request for quotation, quoting and withdrawing are writes.
    ("GET", "rfqs:new", None): READERS,
    ("POST", "rfqs:new", None): READERS,
    ("GET", "rfqs:supplier-names", None): READERS,
    ("GET", "rfqs:quote", "rfq"): READERS,
    ("POST", "rfqs:quote", "rfq"): READERS,
    ("POST", "rfqs:withdraw", "rfq"): READERS,
    # Invoices are written by the supplier's admins and staff, payments by the buyer's.
    **{(method, name, arg): READERS for method in ("GET", "POST") for name, arg in (
        ("payments:invoice-new", "pay_contract"), ("payments:invoice-correct", "pay_invoice"),
        ("payments:payment-new", "pay_invoice"))},
}


def expected(table, route, role):
    """What `role` gets on `route`: its column, or its admin's unless UNLIKE_ADMIN says."""
    if role in COLUMNS:
        return table[route][role]
    admin, _org_role = STAFF_AND_VIEWERS[role]
    theirs = table[route][admin]
    outcome = UNLIKE_ADMIN.get(route, {}).get(role, theirs)
    if outcome == REFUSED:
        # Refused before what was sent is looked at: also where their admin's would be
        # answered 422 (the matrix sends an empty or sample body).
        return 403 if theirs in (200, 201, 302, 422) else theirs
    return outcome


# Routes that are not pages of ours: the admin (tested below) and static/media serving.
NOT_PAGES_PREFIXES = ("admin:", "api:")

API = {
    ("GET", "/api/v1/me", None): row(401, 200, 200, 200, 200, 200, 200, 200),
    ("GET", "/api/v1/suppliers", None): row(401, 403, 403, 200, 200, 200, 200, 200),
    ("GET", "/api/v1/suppliers/{supplier_id}", "a"): row(401, 200, 404, 404, 200, 200, 200, 200),
    ("GET", "/api/v1/suppliers/{supplier_id}", "member"):
        row(401, 404, 404, 200, 200, 200, 200, 200),
    ("PATCH", "/api/v1/suppliers/{supplier_id}/profile", "a"):
        row(401, 200, 404, 404, 403, 403, 403, 200),
    ("POST", "/api/v1/suppliers/{supplier_id}/verify", "member"):
        row(401, 404, 404, 200, 403, 403, 200, 200),
    ("POST", "/api/v1/suppliers/import", None): row(401, 403, 403, 200, 403, 403, 200, 200),
    ("POST", "/api/v1/tkdn/compute", None): row(401, 200, 200, 200, 200, 200, 200, 200),
    ("GET", "/api/v1/tkdn/suppliers/{supplier_id}/worksheets", "a"):
        row(401, 200, 404, 404, 404, 404, 200, 200),
    ("POST", "/api/v1/tkdn/suppliers/{supplier_id}/worksheets", "a"):
        row(401, 201, 404, 404, 403, 403, 403, 201),
    ("GET", "/api/v1/tkdn/worksheets/{worksheet_id}", "ws_a"):
        row(401, 200, 404, 404, 404, 404, 200, 200),
    ("POST", "/api/v1/tkdn/worksheets/{worksheet_id}/versions", "ws_a"):
        row(401, 201, 404, 404, 404, 404, 403, 201),
    ("GET", "/api/v1/tkdn/suppliers/{supplier_id}/certificates", "a"):
        row(401, 200, 404, 404, 200, 200, 200, 200),
    ("GET", "/api/v1/tenders", None): row(401, 200, 200, 200, 200, 200, 200, 200),
    ("GET", "/api/v1/tenders/{tender_id}", "t"): row(401, 200, 200, 200, 200, 404, 200, 200),
    ("POST", "/api/v1/tenders/{tender_id}/lots/{lot_id}/bid", "t_lot"):
        row(401, 201, 422, 422, 403, 404, 403, 403),
    ("GET", "/api/v1/tenders/{tender_id}/bids", "t_bid"):
        row(401, 200, 200, 200, 200, 404, 200, 200),
    ("GET", "/api/v1/tenders/{tender_id}/documents/{document_id}", "t_doc"):
        row(401, 200, 404, 404, 404, 404, 404, 404),
    # Requests for quotation as the pages: buyer Y's, sent to suppliers A and B.
    ("GET", "/api/v1/rfqs", None): row(401, 200, 200, 200, 200, 200, 200, 200),
    ("POST", "/api/v1/rfqs/{rfq_id}/quotation", "rfq"):
        row(401, 201, 201, 404, 404, 403, 403, 403),
}


BRAKE_BLOCK = {
    "product": "Blok rem besi cor", "regime": "permenperin-35-2025",
    "materials": [{"name": "Besi kasar", "quantity": 6.2, "unit_price": 9500,
                   "domestic_percent": 0}],
    "labour": [{"name": "Operator cor", "cost": 14000, "domestic_percent": 100}],
    "overhead": [{"name": "Listrik", "cost": 9000, "domestic_percent": 100}],
}


BID = {"unit_price": "105000", "quantity": 50, "monthly_capacity": 25}


def _tender_args(cluster, arg):
    """A published tender of buyer X with one lot and a bid of supplier A, or a draft."""
    buyer = cluster.users["buyer_x"]
    start = clock.now()
    tender = tender_create(by=buyer, buyer=cluster.buyer_x, title="Blok rem",
                           bid_deadline=start + dt.timedelta(days=7),
                           opening_time=start + dt.timedelta(days=8),
                           required_documents=["NIB"] if arg == "t_doc" else ())
    lot = lot_add(by=buyer, tender=tender, product="Blok rem", quantity=100,
                  unit_weight_kg=Decimal(11), hps_unit_price=Decimal(100_000))
    if arg == "t_draft":
        return [tender.pk]
    tender_publish(by=buyer, tender=tender)
    if arg == "t_lot":
        organisation_verify(by=SYSTEM, organisation=cluster.supplier_a)
        return [tender.pk, lot.pk]
    if arg == "t_question":
        question = question_ask(by=cluster.users["supplier_b"], tender=tender,
                                text="Apakah gambar teknis tersedia?")
        return [tender.pk, question.public_id]
    if arg == "t_doc":  # a sealed bid's document, before the opening
        organisation_verify(by=SYSTEM, organisation=cluster.supplier_a)
        bid, _nonce = bid_submit(by=cluster.users["supplier_a"], lot=lot, unit_price=100,
                                 quantity=10, monthly_capacity=10,
                                 documents={"NIB": nib_pdf()})
        return [tender.pk, bid.documents.get().public_id]
    if arg == "t_bid":
        organisation_verify(by=SYSTEM, organisation=cluster.supplier_a)
        bid, _nonce = bid_submit(by=cluster.users["supplier_a"], lot=lot, unit_price=100,
                                 quantity=10, monthly_capacity=10)
        return [tender.pk, bid.public_id]
    return [tender.pk]


def _awarded_args(cluster, arg):
    """Buyer X's tender awarded ten days ago to supplier A, who objected at once (the
    objection period is over, the objection unanswered)."""
    buyer, supplier = cluster.users["buyer_x"], cluster.users["supplier_a"]
    start = clock.now() - dt.timedelta(days=12)
    organisation_verify(by=SYSTEM, organisation=cluster.supplier_a)
    with clock.frozen(start):
        tender = tender_create(by=buyer, buyer=cluster.buyer_x, title="Blok rem",
                               bid_deadline=start + dt.timedelta(days=1),
                               opening_time=start + dt.timedelta(days=1))
        lot = lot_add(by=buyer, tender=tender, product="Blok rem", quantity=10,
                      unit_weight_kg=Decimal(11), hps_unit_price=Decimal(100_000))
        tender_publish(by=buyer, tender=tender)
        bid_submit(by=supplier, lot=lot, unit_price=100, quantity=10, monthly_capacity=10)
    with clock.frozen(start + dt.timedelta(days=2)):
        tender_open(by=buyer, tender=tender)
        tender_evaluate(by=buyer, tender=tender)
        tender_award(by=buyer, tender=tender)
        objection = objection_file(by=supplier, tender=tender, reasons="Harga tidak wajar.")
    return [tender.pk] if arg == "t_awarded" else [tender.pk, objection.public_id]


def _url_names(patterns, namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _url_names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            yield namespace + p.name


def test_every_page_is_in_the_matrix():
    names = {n for n in _url_names(get_resolver().url_patterns)
             if not n.startswith(NOT_PAGES_PREFIXES)}
    covered = {name for _method, name, _arg in PAGES}
    assert names - covered == set(), "pages missing from the permission matrix"
    assert covered - names == set(), "matrix lists pages that no longer exist"


def test_every_api_route_is_in_the_matrix():
    schema = api.get_openapi_schema()
    routes = {(method.upper(), path) for path, item in schema["paths"].items()
              for method in item}
    covered = {(method, path) for method, path, _arg in API}
    assert routes == covered


def _client_as(client, cluster, role):
    if role != "anonymous":
        assert client.login(email=f"{role}@example.id", password=PASSWORD)
    return client


def _page_args(cluster, arg):
    if arg is None:
        return []
    if arg == "a":
        return [cluster.supplier_a.pk]
    if arg == "member":
        return [cluster.member.pk]
    if arg == "x":
        return [cluster.buyer_x.pk]
    if arg in ("ws_a", "ws_member"):
        org = cluster.supplier_a if arg == "ws_a" else cluster.member
        return [worksheet_save(by=SYSTEM, organisation=org, data=BRAKE_BLOCK).worksheet.public_id]
    if arg in ("t", "t_draft", "t_lot", "t_bid", "t_question", "t_doc"):
        return _tender_args(cluster, arg)
    if arg in ("t_awarded", "t_objection"):
        return _awarded_args(cluster, arg)
    if arg in ("plan", "run"):
        return allocation_matrix_args(cluster, arg)
    if arg in ("contract", "contract_unsigned", "contract_doc", "call_off", "call_off_accepted",
               "commitment"):
        return contract_matrix_args(cluster, arg)
    if arg in INSPECTION_ARGS:
        return inspection_matrix_args(cluster, arg)
    if arg in INSIGHTS_ARGS:
        return insights_matrix_args(cluster, arg)
    if arg in ("pay_contract", "pay_invoice"):
        return payments_matrix_args(cluster, arg)
    if arg in RFQ_ARGS:
        return rfq_matrix_args(cluster, arg)
    if arg in MEDIATION_ARGS:
        return mediation_matrix_args(cluster, arg)
    if arg == "chart":
        return ["revenue", "csv"]
    if arg == "fmt_csv":
        return ["csv"]
    if arg == "family":
        return ["brake_drum"]
    if arg == "bad-link":
        return ["MQ", "bad-token"]
    if arg in ("nib_a", "nib_member"):
        org = cluster.supplier_a if arg == "nib_a" else cluster.member
        nib_document_upload(by=SYSTEM, organisation=org, upload=nib_pdf())
        return [org.pk]
    if arg == "invitee_a":  # a colleague of supplier A's admin, invited, without a password
        invitee = user_create(by=SYSTEM, email="undangan@example.id", full_name="Diundang",
                              password=None, organisation=cluster.supplier_a)
        return [invitee.pk]
    if arg == "person_a":
        return [cluster.users["supplier_a"].pk]
    if arg == "token":
        token, _secret = api_token_create(by=cluster.users["supplier_a"], name="matrix")
        return [token.pk]
    if arg == "photo_a":
        product = Product.objects.create(profile=cluster.supplier_a.profile, name="Blok rem",
                                         photo=SimpleUploadedFile("blok-rem.png", PNG))
        return [product.photo.name]
    return [arg]


def _outcome(response):
    if response.status_code == 302 and "/accounts/login/" in response.get("Location", ""):
        return LOGIN
    return response.status_code


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", list(PAGES), ids=lambda r: f"{r[0]} {r[1]} {r[2] or ''}")
def test_page(client, cluster, role, route, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # product photos
    method, name, arg = route
    url = reverse(name, args=_page_args(cluster, arg))
    _client_as(client, cluster, role)
    response = client.get(url) if method == "GET" else client.post(
        url, {"language": "en", "next": "/"} if name == "set_language" else {})
    assert _outcome(response) == expected(PAGES, route, role)


def _api_path(cluster, path, arg):
    if not arg:
        return path
    values = [str(v) for v in _page_args(cluster, arg)]
    path = path.replace("{supplier_id}", values[0]).replace("{worksheet_id}", values[0])
    path = path.replace("{tender_id}", values[0]).replace("{rfq_id}", values[0])
    path = path.replace("{document_id}", values[-1])
    return path.replace("{lot_id}", values[-1])


def _quotation() -> dict:
    """A quotation valid past the matrix's RFQ's deadline (a week from now)."""
    return {"unit_price": "340000", "lead_time_weeks": 6, "monthly_capacity": 2000,
            "valid_until": (clock.today() + dt.timedelta(days=30)).isoformat()}


def _api_call(client, method, path, headers):
    if method == "GET":
        return client.get(path, headers=headers)
    if path.endswith("/import"):
        upload = io.BytesIO(b"name,nib\n")
        upload.name = "empty.csv"
        return client.post(path + "?dry_run=true", {"file": upload}, headers=headers)
    body = (json.dumps({"description": "Pengecoran pasir basah"}) if method == "PATCH"
            else json.dumps(BRAKE_BLOCK) if "/tkdn/" in path
            else json.dumps(BID) if path.endswith("/bid")
            else json.dumps(_quotation()) if path.endswith("/quotation") else "")
    return client.generic(method, path, body, content_type="application/json", headers=headers)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("route", list(API), ids=lambda r: f"{r[0]} {r[1]} {r[2] or ''}")
def test_api_route_with_token(client, cluster, role, route):
    method, path, arg = route
    headers = {}
    if role != "anonymous":
        _token, secret = api_token_create(by=cluster.users[role], name="matrix")
        headers = {"Authorization": f"Bearer {secret}"}
    response = _api_call(client, method, _api_path(cluster, path, arg), headers)
    outcome = expected(API, route, role)
    if path.endswith("/import") and outcome == 200:
        outcome = 422  # the empty file is refused with a report, and nothing is written
    assert response.status_code == outcome, response.content[:300]


@pytest.mark.django_db
def test_api_refuses_revoked_and_unknown_tokens(client, cluster):
    token, secret = api_token_create(by=cluster.users["buyer_x"], name="erp")
    ok = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert ok.status_code == 200
    ApiToken.objects.filter(pk=token.pk).delete()
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}
                      ).status_code == 401
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer pst_guess"}
                      ).status_code == 401


@pytest.mark.django_db
def test_api_session_writes_need_csrf(cluster):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.login(email="admin@example.id", password=PASSWORD)
    response = client.post(f"/api/v1/suppliers/{cluster.member.pk}/verify")
    assert response.status_code in (401, 403)
    cluster.member.refresh_from_db()
    assert cluster.member.verified_at is None


ADMIN_SAMPLE = ["admin:index", "admin:accounts_organisation_changelist",
                "admin:accounts_user_changelist", "admin:audit_auditevent_changelist",
                "admin:suppliers_supplierprofile_changelist", "admin:accounts_apitoken_changelist"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_admin_is_for_platform_admins_only_and_read_only(client, cluster, role):
    _client_as(client, cluster, role)
    for name in ADMIN_SAMPLE:
        response = client.get(reverse(name))
        if role == "admin":
            assert response.status_code == 200, name
        else:
            assert response.status_code == 302, name
            assert "/admin/login/" in response["Location"]
    change = reverse("admin:accounts_organisation_change", args=[cluster.supplier_a.pk])
    add = reverse("admin:accounts_organisation_add")
    if role == "admin":
        assert client.get(change).status_code == 200  # a read-only view
        assert client.post(change, {"name": "Renamed"}).status_code == 403
        assert client.get(add).status_code == 403
        cluster.supplier_a.refresh_from_db()
        assert cluster.supplier_a.name == "CV Logam Sejahtera"


def _write_edit(client, org):
    return client.post(reverse("suppliers:edit", args=[org.pk]), {
        "org-name": "Renamed by someone", "org-nib": org.nib, "org-npwp": org.npwp,
        "org-province": org.province, "org-regency": org.regency,
        "p-monthly_capacity_kg": "1000", "p-workforce_total": "1", "p-workforce_women": "0",
        **{f"{prefix}-{k}": v for prefix in ("furnace", "cert", "product")
           for k, v in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))},
    })


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_only_permitted_roles_change_a_profile(client, cluster, role):
    _client_as(client, cluster, role)
    response = _write_edit(client, cluster.supplier_a)
    cluster.supplier_a.refresh_from_db()
    if role in ("supplier_a", "staff_a", "admin"):
        assert response.status_code == 302, response.content.decode()[:2000]
        assert cluster.supplier_a.name == "Renamed by someone"
        assert AuditEvent.objects.filter(action="organisation.update",
                                         object_id=str(cluster.supplier_a.pk)).exists()
    else:
        assert cluster.supplier_a.name == "CV Logam Sejahtera"


def _text(response) -> str:
    """What a person could read in a response: the page, the CSV, every XLSX cell or the
    PDF's text."""
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    if response["Content-Type"] == "application/pdf":  # the award report
        return pdf_text(response.content)
    if response["Content-Type"].startswith("application/vnd.openxmlformats"):
        book = load_workbook(io.BytesIO(response.content), read_only=True)
        return " ".join(str(v) for sheet in book.worksheets
                        for row in sheet.iter_rows(values_only=True) for v in row)
    return response.content.decode()


SECRET_CAPITAL = "Rp777.777.777"
SECRET_PRODUCT = "Produk rahasia biaya"
SECRET_EVIDENCE = "Bukti rahasia BPJS"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "supplier_b", "cooperative", "buyer_x",
                                  "buyer_y", "viewer_x", "staff_coop"])
def test_no_page_shows_supplier_a_private_data_to_others(client, cluster, role):
    """Status codes are not enough: walk every page these roles may open and look for
    supplier A's capital, worksheet and BMP evidence in what comes back."""
    from pasok.accounts.services import organisation_update
    from pasok.tkdn.services import bmp_declare

    organisation_update(by=cluster.users["admin"], organisation=cluster.supplier_a,
                        business_capital=Decimal(777_777_777))
    worksheet_save(by=SYSTEM, organisation=cluster.supplier_a,
                   data={**BRAKE_BLOCK, "product": SECRET_PRODUCT})
    bmp_declare(by=SYSTEM, organisation=cluster.supplier_a,
                claims=[{"factor": "labour_absorption", "evidence": SECRET_EVIDENCE}])
    _client_as(client, cluster, role)
    for route in PAGES:
        method, name, arg = route
        # Tenders are walked elsewhere; a photo is an image, with no text to look through.
        if method != "GET" or expected(PAGES, route, role) != 200 or arg in (
                "t", "t_draft", "t_lot", "photo_a"):
            continue
        body = _text(client.get(reverse(name, args=_page_args(cluster, arg))))
        for secret in (SECRET_CAPITAL, SECRET_PRODUCT, SECRET_EVIDENCE):
            assert secret not in body, (name, arg, secret)
    for path in (f"/api/v1/suppliers/{cluster.supplier_a.pk}",
                 f"/api/v1/tkdn/suppliers/{cluster.supplier_a.pk}/certificates"):
        body = client.get(path).content.decode()
        assert SECRET_PRODUCT not in body and "777777777" not in body
