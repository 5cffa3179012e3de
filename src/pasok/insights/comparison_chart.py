"""A small horizontal bar chart of a few named figures (the cost a month of service of the
local product, with the preference, and of the import), drawn on the server as SVG the way
web/charts.py draws monthly series: an image with a title and a description, each bar's
value in its own <title>, and the same numbers in a table below (the template
insights/imports/_comparison_chart.html). web.charts draws months only; this is the
categorical kind, kept small here to be folded into it."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from pasok.rules.money import to_decimal
from pasok.web.formatting import localized_number

WIDTH, LEFT, RIGHT, ROW, BAR_HEIGHT, LABEL_GAP = 360, 4, 96, 46, 18, 16


@dataclass(frozen=True)
class Bar:
    label: str
    value_text: str
    css: str  # the class that colours it (site.css)
    y: float  # the top of the bar
    width: float

    @property
    def label_y(self) -> float:
        return self.y - 5

    @property
    def text_x(self) -> float:
        return LEFT + self.width + 6

    @property
    def text_y(self) -> float:
        return self.y + BAR_HEIGHT / 2


@dataclass(frozen=True)
class BarChart:
    id: str
    title: str
    description: str
    value_heading: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    bar_height: int = BAR_HEIGHT
    left: int = LEFT


def bar_chart(figures: Sequence[tuple[str, Decimal, str]], *, chart_id: str, title: str,
              description: str, value_heading: str,
              format_value: Callable[[Decimal], str] = localized_number) -> BarChart:
    """`figures`: (label, value ≥ 0, css class) in the order drawn, top to bottom."""
    values = [to_decimal(v) for _l, v, _c in figures]
    top = max(values, default=Decimal(0)) or Decimal(1)
    span = WIDTH - LEFT - RIGHT
    bars = tuple(Bar(label, format_value(value), css, LABEL_GAP + ROW * i,
                     float(round(max(value, Decimal(0)) / top * span, 1)))
                 for i, ((label, _v, css), value) in enumerate(zip(figures, values, strict=True)))
    return BarChart(chart_id, title, description, value_heading, bars, WIDTH,
                    LABEL_GAP + ROW * len(bars))
