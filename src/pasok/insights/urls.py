from django.urls import path

from .views import dashboard, imports, scenarios  # noqa: F401

app_name = "insights"

urlpatterns = [
    # The cluster at a glance (views/dashboard.py)
    path("cluster/", dashboard.dashboard, name="dashboard"),
    path("cluster/<slug:chart>.<slug:fmt>", dashboard.dashboard_export,
         name="dashboard-export"),
    # Imported alternatives and the fair comparison (views/imports.py)
    # What-if scenarios (views/scenarios.py)
]
