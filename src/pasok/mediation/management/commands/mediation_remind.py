"""`pasok mediation remind`: queue today's reminders of business-matching follow-ups due
within three days or overdue, to their owners (run it daily from cron or a systemd timer,
like `pasok payments remind`; the task worker sends them)."""

from django.core.management.base import BaseCommand

from pasok.mediation.tasks import send_follow_up_reminders


class Command(BaseCommand):
    help = "Queue today's reminders of business matching follow-ups to their owners."

    def handle(self, *args, **options):
        self.stdout.write(f"queued {send_follow_up_reminders.enqueue().id}")
