from django.urls import path

from . import views

app_name = "mediation"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_new, name="event-new"),
    path("organisation-names/", views.organisation_names, name="organisation-names"),
    path("follow-ups/", views.follow_up_list, name="follow-ups"),
    path("follow-ups/<uuid:public_id>/done/", views.follow_up_done, name="follow-up-done"),
    path("funnel/", views.funnel, name="funnel"),
    path("funnel/<slug:chart>.<slug:fmt>", views.funnel_export, name="funnel-export"),
    path("pairings/<uuid:public_id>/", views.pairing_detail, name="pairing"),
    path("<uuid:public_id>/", views.event_detail, name="event"),
    path("<uuid:public_id>/edit/", views.event_edit, name="event-edit"),
    path("<uuid:public_id>/attendance/", views.attendance, name="attendance"),
    path("<uuid:public_id>/pairings/new/", views.pairing_new, name="pairing-new"),
]
