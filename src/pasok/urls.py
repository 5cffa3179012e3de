from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from pasok.accounts.views import set_language
from pasok.api import api

urlpatterns = [
    path("", include("pasok.web.urls")),
    path("", include("pasok.ops.urls")),
    path("accounts/", include("pasok.accounts.urls")),
    path("suppliers/", include("pasok.suppliers.urls")),
    path("audit/", include("pasok.audit.urls")),
    path("local-content/", include("pasok.tkdn.urls")),
    path("tenders/", include("pasok.tenders.urls")),
    path("plans/", include("pasok.allocation.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

