from django.urls import path

from . import views

app_name = "inspection"
urlpatterns = [
    path("", views.dock, name="dock"),
    path("deliveries/<uuid:public_id>/", views.inspect, name="inspect"),
    path("ncrs/<uuid:public_id>/", views.ncr, name="ncr"),
    path("ncrs/<uuid:public_id>/accept/", views.ncr_accept, name="ncr-accept"),
    path("switching/", views.switching, name="switching"),
    path("switching/<int:pk>/reduced/", views.reduced_approval, name="reduced-approval"),
]
