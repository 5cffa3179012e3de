"""`pasok demo [--seed N] [--noinput]`: fill an empty database with the demo cluster of Ceper,
Klaten. In production settings it asks first: the demo's accounts share a published password."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from pasok import clock
from pasok.demo.cluster import DEFAULT_SEED, database_is_empty, load_cluster, plan_cluster, summary
from pasok.demo.logins import DEMO_PASSWORD, login_lines


class Command(BaseCommand):
    help = "Fill an empty database with the deterministic demo cluster of Ceper, Klaten."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                            help=f"random seed; the same seed gives the same cluster "
                                 f"(default {DEFAULT_SEED})")
        parser.add_argument("--noinput", "--no-input", "--yes", action="store_false",
                            dest="interactive",
                            help="in production settings, do not ask for confirmation")

    def handle(self, *args, seed, interactive, **options):
        # The demo accounts share a published password: never mix them into real data.
        if not database_is_empty():
            raise CommandError(
                "The database already holds organisations or users; `pasok demo` only fills "
                "an empty database. Use a new database (e.g. remove var/pasok.sqlite3) and "
                "run it again.", returncode=2)
        if not settings.DEBUG and interactive and not self._confirmed():
            raise CommandError("No demo loaded.", returncode=1)
        plan = plan_cluster(seed=seed, today=clock.today())
        load_cluster(plan)
        self.stdout.write(self.style.SUCCESS(f"Demo cluster loaded (seed {seed}):"))
        for line in summary(plan):
            self.stdout.write(f"  {line}")
        for line in login_lines():
            self.stdout.write(line)

    def _confirmed(self) -> bool:
        """Production settings: anyone who reads the README could sign in to what it makes."""
        try:
            answer = input("Production settings (PASOK_DEBUG is not 1): the demo's accounts, "
                           "administrators included, share the published password "
                           f"{DEMO_PASSWORD}, so anyone could sign in as them. Type 'yes' to "
                           "load it anyway: ")
        except EOFError:
            return False
        return answer.strip() == "yes"
