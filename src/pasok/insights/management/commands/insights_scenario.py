"""`pasok insights scenario FILE [--out FILE]` (docs/interfaces.md): what a change in orders does
to the cluster's revenue and jobs, directly and through the multiplier effect."""

from django.core.management.base import BaseCommand

from pasok.cli_io import bad_input, read_json, write_json
from pasok.rules.scenario import ScenarioError, run
from pasok.rules.scenario_json import outcome_to_dict, scenario_from_dict


class Command(BaseCommand):
    help = "Compute a what-if scenario of the cluster's orders, revenue and jobs."

    def add_arguments(self, parser):
        parser.add_argument("scenario", help="JSON file, or - for standard input")
        parser.add_argument("--out", help="write the JSON here instead of standard output")

    def handle(self, *args, scenario, out, **options):
        try:
            outcome = run(*scenario_from_dict(read_json(scenario)))
        except ScenarioError as exc:
            raise bad_input(exc) from exc
        write_json(self, outcome_to_dict(outcome), out)
