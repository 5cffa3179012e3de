from django.urls import path

from . import views

app_name = "tkdn"
urlpatterns = [
    path("<int:org_pk>/", views.overview, name="overview"),
    path("<int:org_pk>/worksheets/new/", views.worksheet_new, name="worksheet-new"),
    path("<int:org_pk>/worksheets/import/", views.worksheet_import, name="worksheet-import"),
    path("<int:org_pk>/bmp/", views.bmp_edit, name="bmp"),
    path("<int:org_pk>/certificates/new/", views.certificate_new, name="certificate-new"),
    path("worksheets/<uuid:worksheet_id>/", views.worksheet_detail, name="worksheet"),
    path("worksheets/<uuid:worksheet_id>/edit/", views.worksheet_edit, name="worksheet-edit"),
    path("worksheets/<uuid:worksheet_id>/export.xlsx", views.worksheet_xlsx,
         name="worksheet-xlsx"),
    path("worksheets/<uuid:worksheet_id>/export.pdf", views.worksheet_pdf_view,
         name="worksheet-pdf"),
]
