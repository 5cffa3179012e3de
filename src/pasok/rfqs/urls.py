from django.urls import path

from . import views

app_name = "rfqs"
urlpatterns = [
    path("", views.rfq_list, name="list"),
    path("new/", views.rfq_new, name="new"),
    path("supplier-names/", views.supplier_names, name="supplier-names"),
    path("<uuid:public_id>/", views.rfq_detail, name="detail"),
    path("<uuid:public_id>/drawing/", views.drawing, name="drawing"),
    path("<uuid:public_id>/quote/", views.quote, name="quote"),
    path("<uuid:public_id>/withdraw/", views.withdraw, name="withdraw"),
    path("<uuid:public_id>/compare/", views.compare, name="compare"),
    path("<uuid:public_id>/contract/", views.make_contract, name="contract"),
    path("samples/<uuid:public_id>/first-article/", views.first_article, name="first-article"),
    path("first-articles/<uuid:public_id>/decide/", views.decide, name="decide"),
]
