"""`pasok tkdn remind`: queue today's TKDN certificate expiry warnings (run it daily, e.g.
from cron or a systemd timer; the task worker sends them)."""

from django.core.management.base import BaseCommand

from pasok.tkdn.tasks import send_expiry_warnings


class Command(BaseCommand):
    help = "Queue the TKDN certificate expiry warnings due today (90 and 30 days ahead)."

    def handle(self, *args, **options):
        result = send_expiry_warnings.enqueue()
        self.stdout.write(f"queued {result.id}")
