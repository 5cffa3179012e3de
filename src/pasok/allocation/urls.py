from django.urls import path

from . import views

app_name = "allocation"
# A plan goes by its random public id (pasok.public_ids), never by the sequential key.
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("new/", views.plan_new, name="new"),
    path("<uuid:plan_id>/", views.plan_detail, name="plan"),
    path("<uuid:plan_id>/edit/", views.plan_edit, name="edit"),
    path("<uuid:plan_id>/offers/", views.plan_offers, name="offers"),
    path("<uuid:plan_id>/solve/", views.solve, name="solve"),
    path("<uuid:plan_id>/what-if/", views.what_if, name="what-if"),
    path("<uuid:plan_id>/capacity/", views.capacity, name="capacity"),
    path("<uuid:plan_id>/runs/<int:number>/", views.run_detail, name="run"),
    path("<uuid:plan_id>/runs/<int:number>/progress/", views.run_progress, name="progress"),
]
