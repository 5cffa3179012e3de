"""`pasok sampling run --aql AQL [--level II] FILE` (docs/interfaces.md): a sequence of lots
of one product from one supplier through the ISO 2859-1 switching rules."""

from django.core.management.base import BaseCommand

from pasok.cli_io import bad_input, read_json, write_json
from pasok.rules.sampling.json_io import SamplingInputError, run_from_dict


class Command(BaseCommand):
    help = "Run lots through the ISO 2859-1 switching rules (normal, tightened, reduced)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="JSON file, or - for standard input")
        parser.add_argument("--aql", required=True, help="one of 0.010 ... 1000")
        parser.add_argument("--level", default="II", help="S-1 ... S-4, I, II (default), III")
        parser.add_argument("--out", help="write the JSON here instead of standard output")

    def handle(self, *args, file, aql, level, out, **options):
        try:
            result = run_from_dict(read_json(file), aql, level)
        except SamplingInputError as exc:
            raise bad_input(exc) from exc
        write_json(self, result, out)
