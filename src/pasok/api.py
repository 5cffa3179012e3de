"""The one NinjaAPI: each app mounts its router here."""

from ninja import NinjaAPI

api = NinjaAPI(title="Pasok API", version="1", urls_namespace="api")
