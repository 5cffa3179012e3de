from django.urls import path

from . import addendum_views, objection_views, views

app_name = "tenders"
# Bids, their documents and questions go by their random public ids (models.public_id_field),
# never by the sequential primary key.
urlpatterns = [
    path("", views.tender_list, name="list"),
    path("new/", views.tender_new, name="new"),
    path("<int:pk>/", views.tender_detail, name="detail"),
    path("<int:pk>/edit/", views.tender_edit, name="edit"),
    path("<int:pk>/lots/<int:lot_pk>/bid/", views.bid, name="bid"),
    path("<int:pk>/bids/<uuid:bid_id>/", views.own_bid, name="own-bid"),
    path("<int:pk>/bids/<uuid:bid_id>/receipt/", views.bid_receipt, name="bid-receipt"),
    path("<int:pk>/bids/<uuid:bid_id>/receipt.pdf", views.own_bid_pdf, name="own-bid-pdf"),
    path("<int:pk>/bids/<uuid:bid_id>/withdraw/", views.bid_withdraw, name="bid-withdraw"),
    path("<int:pk>/documents/<uuid:document_id>/", views.bid_document, name="bid-document"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    *(path(f"<int:pk>/{action}/", views.step, {"action": action}, name=action)
      for action in ("open", "evaluate")),
    path("<int:pk>/award/", views.award, name="award"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/follow-up/", views.follow_up, name="follow-up"),
    path("<int:pk>/questions/", views.ask, name="ask"),
    path("<int:pk>/questions/<uuid:question_id>/answer/", views.answer, name="answer"),
    path("<int:pk>/evaluation/", views.evaluation, name="evaluation"),
    path("<int:pk>/award-split/", views.award_split, name="award-split"),
    path("<int:pk>/split-proposal/", views.split_proposal_progress, name="split-proposal"),
    path("<int:pk>/award-optimised/", views.award_optimised, name="award-optimised"),
    path("<int:pk>/evaluation.xlsx", views.evaluation_export, name="evaluation-xlsx"),
    path("<int:pk>/evaluation.pdf", views.evaluation_pdf_view, name="evaluation-pdf"),
    path("<int:pk>/addendum/", addendum_views.addendum, name="addendum"),
    path("<int:pk>/bids/<uuid:bid_id>/confirm/", addendum_views.bid_confirm,
         name="bid-confirm"),
    path("<int:pk>/objections/", objection_views.objections, name="objections"),
    path("<int:pk>/objections/<uuid:objection_id>/answer/", objection_views.objection_answer,
         name="objection-answer"),
    path("<int:pk>/award-report.pdf", objection_views.award_report, name="award-report"),
]
