"""People hear from Pasok one way: accounts/notices.py (`notify` for news, in the app and by
e-mail; `send_email` for account mail), each in their own language and time zone. No other
module builds a mail or a Notification row itself (issue 11): one that did would write in
the worker's language and zone, and leave either the mail or the notice out."""

import re
from pathlib import Path

import pasok

SRC = Path(pasok.__file__).parent
NOTICES = SRC / "accounts" / "notices.py"

SENDS = re.compile(
    r"\b(EmailMessage|EmailMultiAlternatives|send_mass_mail|mail_admins|mail_managers"
    r"|get_connection)\b|(?<!def )\bsend_mail\b"
    r"|(?<!class )\bNotification\(|\bNotification\.objects\.(create|bulk_create|get_or_create)\b")


def test_only_the_notices_module_sends_mail_or_makes_notifications():
    found = [f"{path.relative_to(SRC)}:{number}: {line.strip()}"
             for path in sorted(SRC.rglob("*.py"))
             if path != NOTICES and "migrations" not in path.parts
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if SENDS.search(line)]
    assert found == []


def test_the_walk_sees_what_it_forbids():
    for line in ("from django.core.mail import send_mail", "send_mail(subject, body, None, to)",
                 "EmailMessage(subject=s, to=[e]).send()", "get_connection().send_messages(m)",
                 "Notification.objects.create(user=u, text=t)",
                 "Notification.objects.bulk_create(notes)", "Notification(user=u, text=t)"):
        assert SENDS.search(line), line
    for line in ("def send_mail(self, subject_template_name, email_template_name, context):",
                 "class Notification(models.Model):",
                 "Notification.objects.visible_to(user).filter(read_at__isnull=True)",
                 "notify(people_of(organisation=org), subject=s, text=t, link=l)"):
        assert not SENDS.search(line), line
