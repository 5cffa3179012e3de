from django.urls import path

from .views import dashboard, handoff, imports, opportunities, scenarios

app_name = "insights"

urlpatterns = [
    # The cluster at a glance (views/dashboard.py)
    path("cluster/", dashboard.dashboard, name="dashboard"),
    path("cluster/<slug:chart>.<slug:fmt>", dashboard.dashboard_export,
         name="dashboard-export"),
    # Imported alternatives and the fair comparison (views/imports.py)
    path("imports/", imports.alternative_list, name="imports"),
    path("imports/new/", imports.alternative_new, name="import-new"),
    path("imports/<uuid:public_id>/", imports.alternative_detail, name="import"),
    path("imports/<uuid:public_id>/cost-per-month.<slug:fmt>", imports.alternative_chart,
         name="import-chart"),
    path("imports/<uuid:public_id>/edit/", imports.alternative_edit, name="import-edit"),
    # New markets: the part catalogue against the foundries (views/opportunities.py)
    path("opportunities/", opportunities.opportunity_list, name="opportunities"),
    path("opportunities/reach.<slug:fmt>", opportunities.opportunity_chart,
         name="opportunities-chart"),
    path("opportunities/<slug:family>/", opportunities.opportunity_detail,
         name="opportunity"),
    # What-if scenarios (views/scenarios.py)
    path("scenarios/", scenarios.scenario_list, name="scenarios"),
    path("scenarios/new/", scenarios.scenario_new, name="scenario_new"),
    path("scenarios/compare/", scenarios.scenario_compare, name="scenario_compare"),
    path("scenarios/foundry-names/", scenarios.foundry_names, name="foundry-names"),
    path("scenarios/<uuid:public_id>/", scenarios.scenario_detail, name="scenario"),
    path("scenarios/<uuid:public_id>/edit/", scenarios.scenario_edit, name="scenario_edit"),
    path("scenarios/<uuid:public_id>/progress/", scenarios.scenario_progress,
         name="scenario_progress"),
    path("scenarios/<uuid:public_id>/run/", scenarios.scenario_rerun, name="scenario_rerun"),
    path("scenarios/<uuid:public_id>/delete/", scenarios.scenario_delete,
         name="scenario_delete"),
    path("scenarios/<uuid:public_id>/input.json", scenarios.scenario_input,
         name="scenario_input"),
    # A scenario's new order handed to the allocation engine (views/handoff.py)
    path("scenarios/<uuid:public_id>/handoff/<int:change>/", handoff.scenario_handoff,
         name="scenario_handoff"),
    path("scenarios/<uuid:public_id>/handoff/<int:change>/progress/",
         handoff.scenario_handoff_progress, name="scenario_handoff_progress"),
    path("scenarios/<uuid:public_id>/handoff/<int:change>/use/", handoff.scenario_handoff_use,
         name="scenario_handoff_use"),
]
