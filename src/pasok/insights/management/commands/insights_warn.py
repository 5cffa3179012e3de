"""`pasok insights warn`: queue the check for early warnings of substitution, which tells the
ministry's officers of each new one (run it daily from cron or a systemd timer, like
`pasok payments remind`; the task worker sends them)."""

from django.core.management.base import BaseCommand

from pasok.insights.tasks import send_early_warnings


class Command(BaseCommand):
    help = "Queue the check for early warnings of substitution to the ministry's officers."

    def handle(self, *args, **options):
        self.stdout.write(f"queued {send_early_warnings.enqueue().id}")
