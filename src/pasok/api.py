"""The one NinjaAPI (/api/v1/): each app mounts its router here; errors read the same
everywhere — a field-named message for bad input, 403 for what the user may not do."""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from ninja import NinjaAPI, Swagger

from pasok.accounts.api import router as accounts_router
from pasok.api_auth import API_AUTH
from pasok.suppliers.api import router as suppliers_router
from pasok.tenders.api import router as tenders_router
from pasok.tkdn.api import router as tkdn_router
from pasok.web.form_errors import errors_by_field

# Swagger UI's validator badge would send the schema to validator.swagger.io: off. Its deep
# links would put a link inside each operation's button (WCAG: no nested controls): off.
api = NinjaAPI(title="Pasok API", version="1", urls_namespace="api", auth=API_AUTH,
               docs=Swagger(settings={"validatorUrl": None, "deepLinking": False}),
               description="Pasok HTTP API. Authenticate with `Authorization: Bearer <token>` "
                           "(tokens are made on the API tokens page) or a browser session. "
                           "Messages are in English unless the request asks for Bahasa "
                           "Indonesia (`Accept-Language: id`, or the site's language "
                           "cookie).")
api.add_router("/", accounts_router)
api.add_router("/suppliers", suppliers_router)
api.add_router("/tkdn", tkdn_router)
api.add_router("/tenders", tenders_router)


@api.exception_handler(ValidationError)
def _validation_error(request, exc):
    return api.create_response(request, {"detail": "invalid input",
                                         "errors": errors_by_field(exc)},
                               status=422)


@api.exception_handler(PermissionDenied)
def _permission_denied(request, exc):
    return api.create_response(request, {"detail": "permission denied"}, status=403)


@api.exception_handler(ObjectDoesNotExist)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "not found"}, status=404)
