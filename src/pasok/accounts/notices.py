"""News for people, each in their own language and time zone.

A task that writes to people builds every text inside `speaking_to(person)`: translations in
the person's language (User.language), moments in their organisation's zone (WIB, WITA or WIT,
printed with pasok.web.formatting.local_moment). Texts are therefore given as functions that
are called once per person. Links are made absolute on the address captured when the work was
queued (pasok.web.links)."""

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable, Iterator

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone, translation

from pasok import clock
from pasok.web.links import absolute

from .models import Notification, User

Text = Callable[[], str]


@contextlib.contextmanager
def speaking_to(person: User) -> Iterator[None]:
    """The person's language and time zone for everything made inside the block."""
    with translation.override(person.language), timezone.override(person.time_zone):
        yield


NEWS_DAYS = 7


def still_news(at) -> bool:
    """Whether something that happened `at` is still news when the notice goes out: a
    record made or backdated more than a week before (the demo's history, an import of
    past events) is not told to anyone."""
    return at is not None and clock.now() - at <= dt.timedelta(days=NEWS_DAYS)


def people_of(**filters) -> list[User]:
    """The active people `filters` name, with the organisation whose province gives their
    time zone: whom notify() is given."""
    return list(User.objects.filter(is_active=True, **filters).select_related("organisation"))


def _message(person: User, subject: Text, body: Text) -> EmailMessage:
    with speaking_to(person):
        return EmailMessage(subject=str(subject()), body=str(body()),
                            from_email=settings.DEFAULT_FROM_EMAIL, to=[person.email])


def send_email(person: User, *, subject: Text, body: Text) -> None:
    """One e-mail to one person (account mail: confirmation, invitation)."""
    _message(person, subject, body).send()


def notify(people: Iterable[User], *, subject: Text, text: Text, link: str,
           base_url: str | None = None) -> int:
    """The same news to each person as an in-app notification and an e-mail with the link;
    returns how many people it reached. Pass people with their organisation loaded
    (people_of): the zone comes from its province. The one way Pasok tells people news;
    account mail (confirmation, invitation, password) is send_email's."""
    now = clock.now()
    notes, mails = [], []
    for person in people:
        with speaking_to(person):
            line = str(text())
        notes.append(Notification(user=person, text=line[:300], link=link, created_at=now))
        mails.append(_message(person, subject, lambda line=line: (
            f"{line}\n{absolute(link, base_url)}\n")))
    Notification.objects.bulk_create(notes)
    if mails:
        get_connection().send_messages(mails)
    return len(notes)
