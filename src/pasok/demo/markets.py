"""New markets in the demo (issue 14): a few of the cluster's grey-iron foundries hold IATF
16949, the automotive makers' quality certificate, so the opportunity finder has brake-drum
makers to find: AUTOMOTIVE_READY that machine too (they can make truck brake drums today)
and ROUGH_CASTERS that do not (machining is all they lack)."""

import datetime as dt

from pasok.accounts.actors import SYSTEM
from pasok.accounts.kinds import OrgKind
from pasok.accounts.models import Organisation
from pasok.suppliers.part_catalogue import FAMILIES
from pasok.suppliers.selectors import casts_a_grade, covers_weights, offers_process
from pasok.suppliers.services import profile_save

AUTOMOTIVE_READY = 2
ROUGH_CASTERS = 3
IATF_YEARS = 3  # an IATF 16949 certificate runs three years, with yearly surveillance audits


def certify_for_automotive(today: dt.date) -> list:
    """Give IATF 16949 to AUTOMOTIVE_READY drum casters that machine and ROUGH_CASTERS that
    do not; returns the organisations certified."""
    drum = FAMILIES["brake_drum"]
    casters = (Organisation.objects.filter(kind=OrgKind.SUPPLIER, verified_at__isnull=False)
               .filter(casts_a_grade(list(drum.grades)),
                       covers_weights(drum.typical_kg, drum.typical_kg))
               .order_by("name"))
    machining = offers_process("machining")
    chosen = (list(casters.filter(machining)[:AUTOMOTIVE_READY])
              + list(casters.exclude(machining)[:ROUGH_CASTERS]))
    issued = today - dt.timedelta(days=400)
    for n, organisation in enumerate(chosen, 1):
        kept = list(organisation.profile.certificates.values(
            "kind", "number", "product", "issued_on", "valid_until"))
        profile_save(by=SYSTEM, organisation=organisation, certificates=[*kept, {
            "kind": "iatf16949", "number": f"IATF-0{4_570_000 + n}", "product": "",
            "issued_on": issued,
            "valid_until": issued + dt.timedelta(days=round(365.25 * IATF_YEARS) - 1)}])
    return chosen


def load_markets(*, today: dt.date) -> None:
    certify_for_automotive(today)
