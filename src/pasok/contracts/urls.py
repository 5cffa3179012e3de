from django.urls import path

from . import views

app_name = "contracts"
urlpatterns = [
    path("", views.contract_list, name="list"),
    path("<uuid:public_id>/", views.contract_detail, name="detail"),
    path("call-offs/<uuid:public_id>/", views.call_off_detail, name="call_off"),
]
