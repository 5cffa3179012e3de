from django.urls import path

from .views import dashboard, imports, scenarios  # noqa: F401

app_name = "insights"

urlpatterns = [
    # The cluster at a glance (views/dashboard.py)
    # Imported alternatives and the fair comparison (views/imports.py)
    path("imports/", imports.alternative_list, name="imports"),
    path("imports/new/", imports.alternative_new, name="import-new"),
    path("imports/<uuid:public_id>/", imports.alternative_detail, name="import"),
    path("imports/<uuid:public_id>/edit/", imports.alternative_edit, name="import-edit"),
    # What-if scenarios (views/scenarios.py)
]
