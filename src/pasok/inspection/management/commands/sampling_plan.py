"""`pasok sampling plan --lot-size N --aql AQL [--level II] [--severity normal]`
(docs/interfaces.md): the ISO 2859-1 single sampling plan of one lot."""

from django.core.management.base import BaseCommand

from pasok.cli_io import bad_input, write_json
from pasok.rules.sampling.json_io import SamplingInputError, lot_plan_for, plan_to_dict


class Command(BaseCommand):
    help = "The ISO 2859-1 single sampling plan for a lot (code letter, n, Ac, Re)."

    def add_arguments(self, parser):
        parser.add_argument("--lot-size", required=True, metavar="N")
        parser.add_argument("--aql", required=True, help="one of 0.010 ... 1000")
        parser.add_argument("--level", default="II", help="S-1 ... S-4, I, II (default), III")
        parser.add_argument("--severity", default="normal",
                            help="normal (default), tightened or reduced")
        parser.add_argument("--out", help="write the JSON here instead of standard output")

    def handle(self, *args, lot_size, aql, level, severity, out, **options):
        try:
            lot_plan = lot_plan_for(lot_size, aql, level, severity)
        except SamplingInputError as exc:
            raise bad_input(exc) from exc
        write_json(self, plan_to_dict(lot_plan), out)
