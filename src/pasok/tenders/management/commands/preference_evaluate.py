"""`pasok preference evaluate TENDER [--out FILE]` (docs/interfaces.md): the obligation cascade,
price preference and ranking of a tender's bids."""

from django.core.management.base import BaseCommand

from pasok.cli_io import bad_input, read_json, write_json
from pasok.rules.preference import evaluate
from pasok.rules.preference_json import (
    EvaluationInputError,
    evaluation_to_dict,
    tender_from_dict,
)


class Command(BaseCommand):
    help = "Evaluate a tender's bids under the domestic-preference rules (Perpres 16/2018)."

    def add_arguments(self, parser):
        parser.add_argument("tender", help="JSON file, or - for standard input")
        parser.add_argument("--out", help="write the JSON here instead of standard output")

    def handle(self, *args, tender, out, **options):
        try:
            bids, package, maximum = tender_from_dict(read_json(tender))
        except EvaluationInputError as exc:
            raise bad_input(exc) from exc
        result = evaluate(bids, package_value=package, max_preference_percent=maximum)
        write_json(self, evaluation_to_dict(result), out)
