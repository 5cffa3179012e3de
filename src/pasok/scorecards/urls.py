from django.urls import path

from . import views

app_name = "scorecards"
urlpatterns = [
    path("organisations/<int:org_pk>/", views.organisation_scorecard, name="organisation"),
    path("organisations/<int:org_pk>/csv/", views.organisation_scorecard_csv,
         name="organisation-csv"),
]
