"""Why a search result fits: each thing the buyer asked for, met or not, in words, e.g.
"FCD450 ✓ · 20–60 kg ✓ · 5.000 kg free in Januari 2027 of 7.000 asked"."""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pasok.web.formatting import localized_number

from .catalogue import PROCESSES, SEARCHABLE_CERTIFICATES
from .models import weight_text
from .selectors import SearchCriteria


@dataclass(frozen=True)
class Reason:
    text: str
    met: bool


def _unique(*lists) -> list[str]:
    return list(dict.fromkeys(code for codes in lists for code in codes))


def _weight(profile, low, high) -> Reason:
    low, high = (low if low is not None else high), (high if high is not None else low)
    covers = ((not low or (profile.weight_min_kg is not None and profile.weight_min_kg <= low))
              and (not high or (profile.weight_max_kg is not None
                                and profile.weight_max_kg >= high)))
    return Reason(weight_text(low, high), covers)


def capacity_reason(free_kg: int, criteria: SearchCriteria) -> Reason:
    month = date_format(criteria.asked_month, "F Y")
    asked = criteria.asked_kg
    if asked:
        return Reason(_("%(free)s kg free in %(month)s of %(asked)s asked") % {
            "free": localized_number(free_kg), "month": month,
            "asked": localized_number(asked)}, free_kg >= asked)
    return Reason(_("%(free)s kg free in %(month)s") % {
        "free": localized_number(free_kg), "month": month}, free_kg > 0)


def reasons(org, criteria: SearchCriteria) -> list[Reason]:
    """For one result row (its profile's grades and processes prefetched, `free_kg`
    annotated by the search)."""
    profile, parsed = org.profile, criteria.parsed
    found = []
    grades = _unique(criteria.grades, parsed.grades)
    if grades:
        have = {g.code for g in profile.grades.all()}
        matched = [code for code in grades if code in have]
        found.append(Reason(", ".join(matched or grades), bool(matched)))
    have = {p.code for p in profile.processes.all()}
    labels = dict(PROCESSES)
    found += [Reason(str(labels[code]), code in have)
              for code in _unique(criteria.processes, parsed.processes)]
    weights = ((criteria.weight_min, criteria.weight_max)
               if criteria.weight_min is not None or criteria.weight_max is not None
               else criteria.text_weights())
    if any(w is not None for w in weights):
        found.append(_weight(profile, *weights))
    if criteria.regency or criteria.province:
        found.append(Reason(", ".join(x for x in (org.regency, org.province) if x), True))
    if criteria.certificate:
        labels = dict(SEARCHABLE_CERTIFICATES)
        found.append(Reason(str(labels.get(criteria.certificate, criteria.certificate)), True))
    name = org.name.lower()
    found += [Reason(_("“%(word)s” in the name") % {"word": word}, True)
              for word in parsed.words if word in name]
    found.append(capacity_reason(org.free_kg, criteria))
    return found
