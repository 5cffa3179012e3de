"""Line and bar charts of a monthly series, drawn on the server as inline SVG (no chart
library, no script: the strict CSP allows neither inline scripts nor style attributes, so
colours are classes in static/pasok/site.css), and the same series as CSV.

A chart is read three ways: the SVG is an image with a title and a description
(role="img", WCAG 1.1.1), each point or bar names its month and value in its own <title>,
and web/_chart.html prints the same numbers as a table below it, for those who cannot see
the picture and those who want the figures. Every number is written in the active language
(pasok.web.formatting), a month missing its value is a gap in the line and "–" in the
table."""

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pasok.rules.money import round_half_up, to_decimal

from .formatting import localized_number, spreadsheet_row
from .numbers import active_notation, csv_number

LINE, BAR = "line", "bar"
STEP, LEFT, RIGHT, TOP, PLOT_HEIGHT, FOOT = 56, 52, 12, 12, 140, 24
BAR_WIDTH = 32
TICKS = 4  # gridlines above zero
NO_VALUE = "–"


@dataclass(frozen=True)
class Point:
    month_label: str
    value_text: str  # NO_VALUE when the month has none
    x: float  # the middle of the month's slot
    y: float | None  # None: no value this month
    title: str

    @property
    def bar_x(self) -> float:
        return self.x - BAR_WIDTH / 2

    @property
    def bar_height(self) -> float:
        return TOP + PLOT_HEIGHT - self.y if self.y is not None else 0


@dataclass(frozen=True)
class Tick:
    y: float
    text: str


@dataclass(frozen=True)
class Chart:
    id: str
    kind: str
    title: str
    description: str
    value_heading: str
    points: tuple[Point, ...]
    ticks: tuple[Tick, ...]
    width: int
    height: int
    csv_url: str = ""
    target: Tick | None = None  # a level to reach, drawn across the plot

    @property
    def baseline(self) -> int:
        return TOP + PLOT_HEIGHT

    @property
    def plot_left(self) -> int:
        return LEFT

    @property
    def tick_x(self) -> int:
        return LEFT - 6

    @property
    def bar_width(self) -> int:
        return BAR_WIDTH

    @property
    def plot_right(self) -> int:
        return self.width - RIGHT

    @property
    def label_y(self) -> int:
        return self.baseline + 16

    @property
    def line_path(self) -> str:
        """The line through the months with a value, broken where a month has none."""
        parts, drawing = [], False
        for p in self.points:
            if p.y is None:
                drawing = False
                continue
            parts.append(f"{'L' if drawing else 'M'}{p.x:g} {p.y:g}")
            drawing = True
        return " ".join(parts)

    @property
    def has_values(self) -> bool:
        return any(p.y is not None for p in self.points)


def _scale_top(values: list[Decimal], maximum: Decimal | None) -> Decimal:
    """The value at the top of the plot: `maximum` when given (100 for a percentage), else
    the highest value rounded up to a round number (1, 2 or 5 times a power of ten)."""
    if maximum is not None:
        return Decimal(maximum)
    highest = max(values, default=Decimal(0))
    if highest <= 0:
        return Decimal(1)
    power = Decimal(1)
    while power * 10 <= highest:
        power *= 10
    while power > highest:
        power /= 10
    for step in (1, 2, 5, 10):
        if step * power >= highest:
            return step * power
    return 10 * power  # pragma: no cover - the loop always returns


def chart(series: Sequence[tuple], *, chart_id: str, title: str, description: str,
          value_heading: str, format_value: Callable[[Decimal], str] = localized_number,
          kind: str = LINE, maximum: Decimal | None = None, csv_url: str = "",
          target: Decimal | None = None) -> Chart:
    """`series`: (month, value or None) pairs in order; `format_value` writes a value for
    people (a percentage, days, ppm); `target`: a level to reach (the 40% of spend with
    small business), drawn as a dashed line and named in its title."""
    if kind not in (LINE, BAR):
        raise ValueError(f"unknown chart kind {kind!r}")
    values = [to_decimal(v) for _m, v in series if v is not None]
    top = _scale_top(values + ([to_decimal(target)] if target is not None else []), maximum)
    per_unit = Decimal(PLOT_HEIGHT) / top
    points = []
    for i, (month, value) in enumerate(series):
        label = date_format(month, "M Y")
        x = LEFT + STEP * i + STEP / 2
        if value is None:
            points.append(Point(label, NO_VALUE, x, None,
                                _("%(month)s: no figure") % {"month": label}))
            continue
        shown = min(to_decimal(value), top)  # a value above a fixed maximum stays in the plot
        y = float(round(TOP + PLOT_HEIGHT - max(shown, Decimal(0)) * per_unit, 1))
        text = format_value(to_decimal(value))
        points.append(Point(label, text, x, y, f"{label}: {text}"))
    ticks = tuple(Tick(float(round(TOP + PLOT_HEIGHT - PLOT_HEIGHT * i / TICKS, 1)),
                       format_value(top * i / TICKS)) for i in range(TICKS + 1))
    level = None if target is None else Tick(
        float(round(TOP + PLOT_HEIGHT - min(to_decimal(target), top) * per_unit, 1)),
        _("Target: %(value)s") % {"value": format_value(to_decimal(target))})
    return Chart(chart_id, kind, title, description, value_heading, tuple(points), ticks,
                 LEFT + STEP * len(series) + RIGHT, TOP + PLOT_HEIGHT + FOOT, csv_url, level)


# -- CSV -------------------------------------------------------------------------------------

def _cell(value, places: int):
    if value is None:
        return ""
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return csv_number(round_half_up(to_decimal(value), places))
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m")  # a month: ISO, read the same in every language
    return value


def series_csv_response(filename: str, columns: Sequence[str], rows: Iterable[Sequence],
                        places: int = 2) -> HttpResponse:
    """Monthly rows (a month, then figures) as a CSV download: numbers in the active
    language's notation with its field separator (pasok.web.numbers), rounded to `places`,
    months as 2027-01, no figure as an empty cell, a byte-order mark for Excel, text made
    safe for spreadsheets (spreadsheet_row)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=active_notation().csv_delimiter)
    writer.writerow(spreadsheet_row(columns))
    for row in rows:
        writer.writerow([_cell(v, places) for v in spreadsheet_row(row)])
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response
