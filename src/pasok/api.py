"""The one NinjaAPI (/api/v1/): each app mounts its router here; errors read the same
everywhere — a field-named message for bad input, 403 for what the user may not do."""

from django.core.exceptions import (
    ObjectDoesNotExist,
    PermissionDenied,
    RequestDataTooBig,
    ValidationError,
)
from ninja import NinjaAPI, Swagger
from ninja.errors import ValidationError as SchemaError

from pasok.accounts.api import router as accounts_router
from pasok.api_auth import API_AUTH
from pasok.rfqs.api import router as rfqs_router
from pasok.suppliers.api import router as suppliers_router
from pasok.tenders.api import router as tenders_router
from pasok.tkdn.api import router as tkdn_router
from pasok.web.file_limits import FileTooLarge
from pasok.web.form_errors import errors_by_field
from pasok.web.middleware import request_too_large_message

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
api.add_router("/rfqs", rfqs_router)


@api.exception_handler(ValidationError)
def _validation_error(request, exc):
    return api.create_response(request, {"detail": "invalid input",
                                         "errors": errors_by_field(exc)},
                               status=422)


@api.exception_handler(SchemaError)
def _schema_error(request, exc):
    """What the schemas refuse (a number out of its bounds, a missing field) reads like what
    a service refuses: messages by field, "members[0].quantity" for a nested one."""
    errors = {}
    for error in exc.errors:
        errors.setdefault(_field_path(error["loc"]), []).append(error["msg"])
    return api.create_response(request, {"detail": "invalid input", "errors": errors},
                               status=422)


def _field_path(loc) -> str:
    """("body", "payload", "members", 0, "quantity") → "members[0].quantity": without where
    it came from and, in a body, the name of the route's parameter."""
    source, *rest = loc
    path = rest[1:] if source == "body" and len(rest) > 1 else rest
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text or source


@api.exception_handler(PermissionDenied)
def _permission_denied(request, exc):
    return api.create_response(request, {"detail": "permission denied"}, status=403)


@api.exception_handler(ObjectDoesNotExist)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "not found"}, status=404)


@api.exception_handler(FileTooLarge)
def _file_too_large(request, exc):
    return api.create_response(request, {"detail": exc.message}, status=413)


@api.exception_handler(RequestDataTooBig)
def _request_too_large(request, exc):
    """A body without a Content-Length the request limit could have refused first
    (pasok.web.middleware.RequestSizeMiddleware), over Django's in-memory limit."""
    return api.create_response(request, {"detail": request_too_large_message(None)},
                               status=413)
