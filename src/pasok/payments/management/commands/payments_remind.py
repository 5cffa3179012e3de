"""`pasok payments remind`: queue today's reminders of overdue invoices to the buyers' people
(run it daily from cron or a systemd timer, like `pasok tkdn remind`; the task worker sends
them)."""

from django.core.management.base import BaseCommand

from pasok.payments.tasks import send_overdue_reminders


class Command(BaseCommand):
    help = "Queue today's reminders of overdue invoices to the buyers' people."

    def handle(self, *args, **options):
        self.stdout.write(f"queued {send_overdue_reminders.enqueue().id}")
