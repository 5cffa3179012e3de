"""The menu, gathered from the apps (each app's navigation.py names its own entries), and
where the language switch returns to."""

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from django.apps import apps
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Entry:
    """One item of the menu, from the app whose page it opens (`<app>/navigation.py`,
    ENTRIES): where it leads for this person, what it says, whether they see it (only
    pages their role may open: ask accounts.permissions), and its place (`order`)."""

    order: int
    label: Callable[[object], str] | str
    url: Callable[[object], str]
    shown: Callable[[object], bool] = lambda user: True

    def text(self, user) -> str:
        return self.label(user) if callable(self.label) else self.label


def to(name: str) -> Callable[[object], str]:
    return lambda user: reverse(name)


@cache
def entries() -> tuple[Entry, ...]:
    """Every app's entries, in menu order."""
    found = []
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.navigation")
        except ModuleNotFoundError as missing:
            if missing.name != f"{config.name}.navigation":
                raise
            continue
        found.extend(module.ENTRIES)
    return tuple(sorted(found, key=lambda e: e.order))


def navigation(request):
    """The menu a person sees: only the pages their role may open."""
    user = getattr(request, "user", None)  # absent when a request failed before sign-in
    if user is None or not user.is_authenticated:
        return {}
    path = request.path
    items = [(e.url(user), e.text(user)) for e in entries() if e.shown(user)]
    return {"nav_items": [{"url": url, "label": label, "current": path == url}
                          for url, label in items]}


ENTRIES = [Entry(10, _("Home"), to("shell:home"))]


def language_switch(request):
    """Where the language switch returns to: this page; for a page that answered a form
    (a confirmation, a receipt), which only a POST opens, the page the form was sent from."""
    if request.method == "GET":
        return {"language_next": request.get_full_path()}
    came_from = urlsplit(request.headers.get("Referer", ""))
    if came_from.netloc != request.get_host() or not came_from.path:
        return {"language_next": reverse("shell:home")}
    return {"language_next": came_from.path + (f"?{came_from.query}" if came_from.query else "")}
