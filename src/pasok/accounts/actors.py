"""Who a service acts for: its `by`.

Every write service takes `by`, one of:

- a person (an `accounts.User`, the request's user or the API token's);
- `SYSTEM`, Pasok itself: the demo loader, the sign-up flow creating its own organisation,
  scheduled tasks, `pasok import suppliers` without `--as`. It may do everything and is
  recorded in the audit log as "system" (read "Pasok");
- `on_behalf_of(person, *objects)`: a service that has checked `person`'s right itself
  passing the work on (the bulk import, which decided that a ministry officer or a
  cooperative's admin may create these suppliers, saving each one's profile). It may do
  what that service decided, on `objects` and nothing else, and the audit log names the
  person.

None is no actor: `@requires_actor` makes a service refuse it with a TypeError, so a forgotten
`by` fails loudly instead of acting with every right. What the system and a delegated person
may do is accounts.permissions' answer; this module imports no model, like permissions.
"""

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Union

from django.db import models

if TYPE_CHECKING:
    from .models import User


@dataclass(frozen=True)
class System:
    """Pasok itself; not a database user."""

    label: str = "system"  # actor_label of its audit events, as before this type existed


SYSTEM = System()


@dataclass(frozen=True)
class OnBehalfOf:
    """`person`, through a service that decided they may write `objects` (model instances,
    kept as (model label, pk))."""

    person: "User"
    objects: frozenset[tuple[str, Any]]

    def names(self, obj: models.Model) -> bool:
        return _key(obj) in self.objects

    def pks(self, model: type[models.Model]) -> list:
        """The primary keys of the `model` rows the delegating service decided on."""
        return [pk for label, pk in self.objects if label == model._meta.label]


def _key(obj: models.Model) -> tuple[str, Any]:
    return obj._meta.label, obj.pk


def on_behalf_of(actor: "User | System", *objects: models.Model) -> "OnBehalfOf | System":
    """`actor` acting through the calling service, which has checked their right to write
    `objects` already. The system stays the system."""
    check(actor, "actor")
    if isinstance(actor, OnBehalfOf) or not objects:
        raise TypeError("on_behalf_of takes a person or SYSTEM, and the objects decided on")
    if isinstance(actor, System):
        return actor
    return OnBehalfOf(person=actor, objects=frozenset(_key(obj) for obj in objects))


Actor = Union["User", System, OnBehalfOf]


def answers_for(actor) -> bool:
    """Whether `actor` is the system or a delegated person: rights no role's rules decide."""
    return isinstance(actor, System | OnBehalfOf)


def check(actor, name: str = "by") -> None:
    """A TypeError naming the parameter when `actor` is None."""
    if actor is None:
        raise TypeError(f"{name}=None: pass the acting person, "
                        "pasok.accounts.actors.SYSTEM or on_behalf_of(person, ...)")


def person_of(actor) -> "User | None":
    """The person behind `actor`, None for the system: whom the audit log and a record's
    "by whom" (verified_by, uploaded_by) name."""
    check(actor, "actor")
    if isinstance(actor, System):
        return None
    if isinstance(actor, OnBehalfOf):
        return actor.person
    if not actor.is_authenticated:
        raise TypeError("an anonymous visitor acts for nobody: pass a person or SYSTEM")
    return actor


def requires_actor(service):
    """Refuse `by=None` (a TypeError naming `by`) before `service` does anything; a `by` left
    out is Python's own TypeError."""
    @functools.wraps(service)
    def checked(*args, **kwargs):
        if "by" in kwargs:
            check(kwargs["by"])
        return service(*args, **kwargs)
    return checked
