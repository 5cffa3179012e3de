"""What each audit action means, in words: its name (for the filter), the sentence that tells
what happened, and how to show the values it recorded.

Each app declares its own actions in `<app>/audit_actions.py` as a list `ACTIONS`; this module
collects them, so the audit app imports no other app. A test walks every `audit_record(...)`
call in the code and fails on an action without a sentence here.

A sentence names the actor with %(actor)s, the object's label with %(object)s and the
organisation the event is about with %(organisation)s. Values are shown through the model
field they came from (its verbose name, choices, type) unless a `Detail` says otherwise. An
action may name who reads its events and leave its actor unnamed (see `Action`)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.utils.functional import Promise


@dataclass(frozen=True)
class Detail:
    """How one recorded value reads. `kind`: auto (from the model field), text, number, money,
    percent, moment, date, file_size, count (how many entries), ref (the label of the
    object(s) with that id in `model`, "app_label.model"), hidden; or `format`, a function of
    the value."""

    label: Promise | None = None
    kind: str = "auto"
    model: str | None = None
    format: Callable | None = None


@dataclass(frozen=True)
class Action:
    """`readers`, when given, names who reads this action's events instead of the default:
    one of accounts.permissions.AUDIT_READERS. `unnamed_actor`, when given, is said instead of the
    actor to everyone outside the actor's own organisation."""

    code: str
    name: Promise
    sentence: Promise
    details: dict[str, Detail] = field(default_factory=dict)
    readers: str | None = None
    unnamed_actor: Promise | None = None


@dataclass(frozen=True)
class Group:
    label: Promise
    actions: tuple[Action, ...]


@cache
def groups() -> tuple[Group, ...]:
    """Every app's actions, in the order of INSTALLED_APPS."""
    found = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.audit_actions"
        if find_spec(module_name) is None:
            continue
        module = import_module(module_name)
        found.append(Group(config.verbose_name, tuple(module.ACTIONS)))
    return tuple(found)


@cache
def by_code() -> dict[str, Action]:
    actions = {}
    for group in groups():
        for action in group.actions:
            if action.code in actions:
                raise ValueError(f"audit action {action.code!r} is declared twice")
            actions[action.code] = action
    return actions


def action_for(code: str) -> Action | None:
    return by_code().get(code)


@cache
def actions_with_own_readers() -> dict[str, str]:
    """code → readers, for the actions that name their own readers."""
    return {code: action.readers for code, action in by_code().items() if action.readers}


@cache
def actions_with_unnamed_actors() -> tuple[str, ...]:
    return tuple(code for code, action in by_code().items() if action.unnamed_actor)
