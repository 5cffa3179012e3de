"""`pasok allocate INSTANCE [--time-limit SECONDS] [--gap GAP]` (docs/interfaces.md): split
demand lines across suppliers over periods at least cost within every rule. Bad input:
exit status 2 with the field named. `--gap` is the target: the engine stops once the cost
is proven within that fraction of the least cost (default 0.001) and reports the gap it
proved; `--explain` adds what bound each supplier and why demand went unmet; `--fair EPS`
adds the fairness step for small partner foundries within cost tolerance EPS."""

from django.core.management.base import BaseCommand, CommandError

from pasok.cli_io import bad_input, read_json, write_json
from pasok.planning.instance import InstanceError, parse
from pasok.planning.output import explanation, to_dict, with_fairness
from pasok.planning.solve import GAP, NoPlan, allocate


class Command(BaseCommand):
    help = "Split demand lines across suppliers over periods at least cost within every rule."

    def add_arguments(self, parser):
        parser.add_argument("instance", help="JSON file, or - for standard input")
        parser.add_argument("--time-limit", type=float, default=60.0, metavar="SECONDS")
        parser.add_argument("--gap", type=float, default=GAP,
                            help="stop once the cost is proven within this fraction of the "
                                 f"least cost (default {GAP:g}, i.e. {GAP * 100:g}%%)")
        parser.add_argument("--explain", action="store_true", dest="with_reasons",
                            help="add per-supplier binding rules and unmet reasons")
        parser.add_argument("--fair", type=float, metavar="EPS",
                            help="raise the lowest utilisation of small partners within "
                                 "cost tolerance EPS (e.g. 0.01)")
        parser.add_argument("--out", help="write the JSON here instead of standard output")

    def handle(self, *args, instance, time_limit, gap, with_reasons, fair, out, **options):
        if time_limit <= 0:
            raise CommandError("--time-limit: must be more than 0", returncode=2)
        if not 0 < gap < 1:
            raise CommandError("--gap: must be more than 0 and less than 1 (0.001 is 0.1%)",
                               returncode=2)
        if fair is not None and not 0 <= fair <= 1:
            raise CommandError("--fair: must be between 0 and 1", returncode=2)
        try:
            inst = parse(read_json(instance))
        except InstanceError as exc:
            raise bad_input(exc) from exc
        try:
            result = allocate(inst, time_limit=time_limit, gap=gap)
        except NoPlan as exc:
            raise CommandError(str(exc), returncode=1) from exc
        extra = {}
        if result.status != "infeasible" and fair is not None:
            try:
                result, extra["fairness"] = with_fairness(inst, result, tolerance=fair,
                                                          time_limit=time_limit, gap=gap)
            except ValueError as exc:
                raise bad_input(exc) from exc
        if with_reasons and result.status != "infeasible":
            extra["explanation"] = explanation(inst, result)
        write_json(self, to_dict(inst, result) | extra, out)
