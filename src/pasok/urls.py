from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from pasok.accounts.views import set_language
from pasok.api import api
from pasok.suppliers.photos import product_photo

urlpatterns = [
    path("", include("pasok.shell.urls")),
    path("", include("pasok.ops.urls")),
    path("accounts/", include("pasok.accounts.urls")),
    path("suppliers/", include("pasok.suppliers.urls")),
    path("audit/", include("pasok.audit.urls")),
    path("local-content/", include("pasok.tkdn.urls")),
    path("tenders/", include("pasok.tenders.urls")),
    path("plans/", include("pasok.allocation.urls")),
    path("contracts/", include("pasok.contracts.urls")),
    path("inspection/", include("pasok.inspection.urls")),
    path("payments/", include("pasok.payments.urls")),
    path("scorecards/", include("pasok.scorecards.urls")),
    path("insights/", include("pasok.insights.urls")),
    path("rfqs/", include("pasok.rfqs.urls")),
    path("mediation/", include("pasok.mediation.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    # A password changes only where the services hear of it (the API tokens are revoked).
    path("admin/password_change/", RedirectView.as_view(pattern_name="accounts:password-change"),
         name="admin-password-change"),
    path("admin/", admin.site.urls),
    # Uploaded media (MEDIA_URL): product photos, for those who may see their supplier.
    path("media/<path:name>", product_photo, name="media"),
]

