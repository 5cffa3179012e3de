"""A profile's capacity per month as a bar chart, drawn on the server as inline SVG (no chart
library, like allocation/chart.py): one bar per month, filled from the bottom with what each
source books, then what is free, so a bar is as tall as the monthly capacity (taller when
overbooked). The page prints the same numbers as a table below it."""

from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pasok.web.formatting import localized_number

from .selectors import CapacityMonth

BAR_WIDTH, GAP, PLOT_HEIGHT, HEAD, FOOT, SIDE = 46, 12, 120, 18, 20, 8
# One colour per source, named in the legend; the free rest of a bar is pale.
COLOURS = {"award": "#1d2733", "plan": "#a4471c"}
OTHER, FREE = "#5b6b7c", "#cfe8d6"


@dataclass
class Segment:
    y: float
    height: float
    fill: str
    title: str


@dataclass
class Bar:
    x: int
    label: str
    top_text: str
    top_y: float
    segments: list[Segment]

    @property
    def middle(self) -> float:
        return self.x + BAR_WIDTH / 2


def _kg(value) -> str:
    return f"{localized_number(value)} kg"


def capacity_chart(calendar: list[CapacityMonth]) -> dict:
    highest = max([max(m.capacity_kg, m.booked_kg) for m in calendar] + [1])
    per_kg = PLOT_HEIGHT / highest
    bottom = HEAD + PLOT_HEIGHT
    bars, legend = [], {}
    for i, month in enumerate(calendar):
        label = date_format(month.month, "M Y")
        by_source = {}
        for booked in month.booked:
            by_source[(booked.code, booked.source)] = by_source.get(
                (booked.code, booked.source), 0) + booked.kg
        parts = [(COLOURS.get(code, OTHER), f"{label}: {name} {_kg(kg)}", kg)
                 for (code, name), kg in by_source.items()]
        legend.update({name: COLOURS.get(code, OTHER) for code, name in by_source})
        if month.free_kg:
            parts.append((FREE, _("%(month)s: %(kg)s free") % {"month": label,
                                                              "kg": _kg(month.free_kg)},
                          month.free_kg))
        segments, y = [], float(bottom)
        for fill, title, kg in parts:
            y -= kg * per_kg
            segments.append(Segment(y, kg * per_kg, fill, title))
        top = _("full") if month.capacity_kg and not month.free_kg else localized_number(
            month.free_kg)
        bars.append(Bar(SIDE + i * (BAR_WIDTH + GAP), label, top, y - 4, segments))
    return {
        "width": 2 * SIDE + len(calendar) * (BAR_WIDTH + GAP) - GAP, "height": bottom + FOOT,
        "bar_width": BAR_WIDTH, "label_y": bottom + 14, "bars": bars,
        "legend": [{"name": name, "fill": fill} for name, fill in legend.items()]
        + [{"name": _("free"), "fill": FREE}],
    }
