from django.urls import path

from . import views

app_name = "payments"
urlpatterns = [
    path("overdue/", views.overdue_list, name="overdue"),
    path("contracts/<uuid:public_id>/", views.contract_invoices, name="contract"),
    path("contracts/<uuid:public_id>/new/", views.invoice_new, name="invoice-new"),
    path("invoices/<uuid:public_id>/", views.invoice_detail, name="invoice"),
    path("invoices/<uuid:public_id>/correct/", views.invoice_correct, name="invoice-correct"),
    path("invoices/<uuid:public_id>/pay/", views.payment_new, name="payment-new"),
]
