from django.urls import path

from . import commitment_views, views

app_name = "contracts"
urlpatterns = [
    path("", views.contract_list, name="list"),
    path("<uuid:public_id>/", views.contract_detail, name="detail"),
    path("<uuid:public_id>/sign/", views.contract_sign, name="sign"),
    path("<uuid:public_id>/amend/", views.contract_amend, name="amend"),
    path("<uuid:public_id>/indices/", views.price_indices, name="indices"),
    path("<uuid:public_id>/documents/", views.contract_document_add, name="document_add"),
    path("<uuid:public_id>/documents/<uuid:document_id>/", views.contract_document,
         name="document"),
    path("from-award/<int:pk>/", views.contracts_from_award, name="from_award"),
    path("<uuid:public_id>/from-plan/", views.call_offs_from_plan, name="from_plan"),
    path("call-offs/<uuid:public_id>/", views.call_off_detail, name="call_off"),
    path("call-offs/<uuid:public_id>/answer/", views.call_off_answer, name="answer"),
    path("commitments/", commitment_views.commitment_list, name="commitments"),
    path("commitments/partner-names/", commitment_views.partner_names, name="partner-names"),
    path("commitments/<uuid:public_id>/", commitment_views.commitment_detail, name="commitment"),
]
