from django.urls import path

from . import import_views, views

app_name = "suppliers"
urlpatterns = [
    path("", views.search, name="search"),
    path("export.csv", views.export, {"fmt": "csv"}, name="export-csv"),
    path("export.xlsx", views.export, {"fmt": "xlsx"}, name="export-xlsx"),
    path("import/", import_views.import_suppliers_view, name="import"),
    path("import/template.csv", import_views.import_template_view, name="import-template"),
    path("<int:pk>/", views.organisation, name="organisation"),
    path("<int:pk>/edit/", views.edit, name="edit"),
]
