"""`pasok tenders remind`: queue the reminders for tenders whose bids close within a day
(run hourly or daily from cron or a systemd timer; the task worker sends them)."""

from django.core.management.base import BaseCommand

from pasok.tenders.tasks import send_deadline_reminders


class Command(BaseCommand):
    help = "Queue reminders for tenders whose bids close within a day."

    def handle(self, *args, **options):
        self.stdout.write(f"queued {send_deadline_reminders.enqueue().id}")
