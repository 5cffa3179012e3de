"""Read a buyer's one-line query ("FCD450, 20–60 kg, Klaten") into search criteria.

Grade codes and process names become filters; a weight or weight range followed by "kg"
becomes the casting weight the supplier must cover, read in the active language like every
number a person types (pasok.web.numbers: "1.500 kg" is 1500 kg in Indonesian, "1,500 kg"
is refused there as ambiguous, with the message in `problems`); every other word stays free
text, which matches names, places, products and descriptions.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal

from pasok.web.numbers import Notation, NumberError, read_number

from .catalogue import GRADES, PROCESSES

_NUMBER = r"(?<![\w.,])(\d+(?:[.,]\d+)*)"
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


@dataclass
class ParsedQuery:
    grades: list[str] = field(default_factory=list)
    processes: list[str] = field(default_factory=list)
    weight_min: Decimal | None = None
    weight_max: Decimal | None = None
    words: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # weights that cannot be read


def _weights(numbers: tuple[str, ...], notation: Notation | None,
             parsed: ParsedQuery) -> list[Decimal] | None:
    try:
        return sorted(read_number(n, notation) for n in numbers)
    except NumberError as exc:
        parsed.problems.append(exc.message)
        return None


def parse_query(text: str, notation: Notation | None = None) -> ParsedQuery:
    parsed = ParsedQuery()
    rest = text or ""
    if match := _RANGE.search(rest) or _SINGLE.search(rest):
        weights = _weights(match.groups(), notation, parsed)
        if weights:
            parsed.weight_min, parsed.weight_max = weights[0], weights[-1]
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
