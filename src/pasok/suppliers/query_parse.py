"""Read a buyer's one-line query ("FCD450, 20–60 kg, Klaten") into search criteria.

Grade codes and process names become filters; a weight or weight range followed by "kg"
becomes the casting weight the supplier must cover; every other word stays free text, which
matches names, places, products and descriptions.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .catalogue import GRADES, PROCESSES

_NUMBER = r"(\d{1,3}(?:\.\d{3})+|\d+(?:[.,]\d+)?)"
_RANGE = re.compile(rf"{_NUMBER}\s*(?:-|–|—|s/?d|sampai|to)\s*{_NUMBER}\s*kg\b", re.I)
_SINGLE = re.compile(rf"{_NUMBER}\s*kg\b", re.I)
_GRADE_CODES = {code.lower(): code for code, _family in GRADES}
# Words people type for processes, in both languages.
_PROCESS_WORDS = {
    "green-sand": "green_sand", "greensand": "green_sand", "pasir basah": "green_sand",
    "furan": "no_bake", "no-bake": "no_bake", "nobake": "no_bake",
    "lost-foam": "lost_foam", "lostfoam": "lost_foam",
    "investment": "investment", "presisi": "investment",
    "centrifugal": "centrifugal", "sentrifugal": "centrifugal",
    "machining": "machining", "permesinan": "machining", "bubut": "machining",
    "heat treatment": "heat_treatment", "perlakuan panas": "heat_treatment",
    "painting": "painting", "pengecatan": "painting",
}
_PROCESS_CODES = {code for code, _label in PROCESSES}


def _decimal(text: str) -> Decimal:
    """12,5 and 12.5 are decimals; 1.500 (a dot before exactly three digits) is 1500, as
    Indonesians write thousands."""
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        return Decimal(text.replace(".", ""))
    return Decimal(text.replace(",", "."))


@dataclass
class ParsedQuery:
    grades: list[str] = field(default_factory=list)
    processes: list[str] = field(default_factory=list)
    weight_min: Decimal | None = None
    weight_max: Decimal | None = None
    words: list[str] = field(default_factory=list)


def parse_query(text: str) -> ParsedQuery:
    parsed = ParsedQuery()
    rest = text or ""
    if match := _RANGE.search(rest):
        low, high = sorted((_decimal(match[1]), _decimal(match[2])))
        parsed.weight_min, parsed.weight_max = low, high
        rest = rest[: match.start()] + " " + rest[match.end():]
    elif match := _SINGLE.search(rest):
        parsed.weight_min = parsed.weight_max = _decimal(match[1])
        rest = rest[: match.start()] + " " + rest[match.end():]
    lowered = rest.lower()
    for phrase, code in _PROCESS_WORDS.items():
        if phrase in lowered and code in _PROCESS_CODES:
            parsed.processes.append(code)
            lowered = lowered.replace(phrase, " ")
    for word in re.split(r"[\s,;]+", lowered):
        if not word:
            continue
        if word in _GRADE_CODES:
            parsed.grades.append(_GRADE_CODES[word])
        else:
            parsed.words.append(word)
    parsed.processes = list(dict.fromkeys(parsed.processes))
    parsed.grades = list(dict.fromkeys(parsed.grades))
    return parsed
