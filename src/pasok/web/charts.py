"""Line and bar charts of a monthly series, drawn on the server as inline SVG (no chart
library, no script: the strict CSP allows neither inline scripts nor style attributes, so
colours are classes in static/pasok/site.css), and the same series as CSV.

A chart is read three ways: the SVG is an image with a title and a description
(role="img", WCAG 1.1.1), each point or bar names its month and value in its own <title>,
and web/_chart.html prints the same numbers as a table below it, for those who cannot see
the picture and those who want the figures. Every number is written in the active language
(pasok.web.formatting), a month missing its value is a gap in the line and "–" in the
table.

Besides one series (`chart`): several lines on one chart (`lines`: each series its own
dash and marker shape, named in a legend, so colour is never the only key), stacked bars
(`stacked`: each segment carries its series' number, the legend names them) and a map of
points per place (`bubble_map`: an equirectangular projection on a graticule, bubble area ∝
the count) and horizontal bars of a few named figures (`named_bars`: the fair comparison's
cost a month of each product). Each can be exported as a standalone SVG file (its styles
embedded, read from site.css), as PNG (rasterised on the server by cairosvg) and its figures
as CSV (`download`)."""

import csv
import io
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pasok.rules.money import round_half_up, to_decimal

from . import base_map
from .formatting import localized_number, spreadsheet_row
from .numbers import active_notation, csv_number

LINE, BAR, LINES, STACKED, MAP, NAMED = "line", "bar", "lines", "stacked", "map", "named"
FORMATS = ("csv", "svg", "png")  # each chart's downloads
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


class _Frame:
    """The plot's geometry, shared by the month charts."""

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


@dataclass(frozen=True)
class Chart(_Frame):
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
    svg_url: str = ""
    png_url: str = ""

    @property
    def line_path(self) -> str:
        return _line_path(self.points)

    @property
    def axis(self) -> tuple[Point, ...]:
        return self.points

    @property
    def has_values(self) -> bool:
        return any(p.y is not None for p in self.points)


def _line_path(points) -> str:
    """The line through the months with a value, broken where a month has none."""
    parts, drawing = [], False
    for p in points:
        if p.y is None:
            drawing = False
            continue
        parts.append(f"{'L' if drawing else 'M'}{p.x:g} {p.y:g}")
        drawing = True
    return " ".join(parts)


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
          target: Decimal | None = None, svg_url: str = "", png_url: str = "") -> Chart:
    """`series`: (month, value or None) pairs in order; `format_value` writes a value for
    people (a percentage, days, ppm); `target`: a level to reach (the 40% of spend with
    small business), drawn as a dashed line and named in its title."""
    if kind not in (LINE, BAR):
        raise ValueError(f"unknown chart kind {kind!r}")
    values = [to_decimal(v) for _m, v in series if v is not None]
    top = _scale_top(values + ([to_decimal(target)] if target is not None else []), maximum)
    return Chart(chart_id, kind, title, description, value_heading,
                 _points(series, top, format_value), _ticks(top, format_value),
                 _width(len(series)), TOP + PLOT_HEIGHT + FOOT, csv_url,
                 _target(target, top, format_value), svg_url, png_url)


def _y(value: Decimal, top: Decimal) -> float:
    shown = min(value, top)  # a value above a fixed maximum stays in the plot
    return float(round(TOP + PLOT_HEIGHT - max(shown, Decimal(0)) * PLOT_HEIGHT / top, 1))


def _x(i: int) -> float:
    return LEFT + STEP * i + STEP / 2


def _width(months: int) -> int:
    return LEFT + STEP * months + RIGHT


def _points(series, top: Decimal, format_value, name: str = "") -> tuple[Point, ...]:
    """Each month's point; `name` (a series') starts each point's title."""
    points = []
    for i, (month, value) in enumerate(series):
        label = date_format(month, "M Y")
        named = f"{name}, {label}" if name else label
        if value is None:
            points.append(Point(label, NO_VALUE, _x(i), None,
                                _("%(month)s: no figure") % {"month": named}))
            continue
        text = format_value(to_decimal(value))
        points.append(Point(label, text, _x(i), _y(to_decimal(value), top), f"{named}: {text}"))
    return tuple(points)


def _ticks(top: Decimal, format_value) -> tuple[Tick, ...]:
    return tuple(Tick(float(round(TOP + PLOT_HEIGHT - PLOT_HEIGHT * i / TICKS, 1)),
                      format_value(top * i / TICKS)) for i in range(TICKS + 1))


def _target(target, top: Decimal, format_value) -> Tick | None:
    return None if target is None else Tick(
        _y(to_decimal(target), top),
        _("Target: %(value)s") % {"value": format_value(to_decimal(target))})


# -- several series on one chart -------------------------------------------------------------

MARKERS = ("circle", "square", "triangle", "diamond")
PALETTE = 6  # colour classes chart-s0 … chart-s5 in site.css, repeated beyond
LEGEND_ROW = 18


def _marker(shape: str, x: float, y: float) -> str:
    """A marker's path: the shape tells the series apart where colour cannot."""
    return {"circle": f"M{x - 4:g} {y:g}a4 4 0 1 0 8 0a4 4 0 1 0 -8 0",
            "square": f"M{x - 4:g} {y - 4:g}h8v8h-8z",
            "triangle": f"M{x:g} {y - 5:g}l5 9h-10z",
            "diamond": f"M{x:g} {y - 5:g}l5 5l-5 5l-5 -5z"}[shape]


@dataclass(frozen=True)
class Series:
    number: int  # 1, 2, …: the legend's and, on stacked bars, each segment's label
    name: str
    points: tuple[Point, ...]
    total_text: str = ""  # stacked bars: the series' sum over the months

    @property
    def tone(self) -> str:
        return f"chart-s{(self.number - 1) % PALETTE}"

    @property
    def dash(self) -> str:
        return f"chart-dash{(self.number - 1) % len(MARKERS)}"

    @property
    def shape(self) -> str:
        return MARKERS[(self.number - 1) % len(MARKERS)]

    @property
    def line_path(self) -> str:
        return _line_path(self.points)

    @property
    def markers(self) -> list[tuple[str, str]]:
        """(path, title) of each month with a value."""
        return [(_marker(self.shape, p.x, p.y), p.title) for p in self.points if p.y is not None]


@dataclass(frozen=True)
class Segment:
    number: int
    tone: str
    x: float
    y: float
    height: float
    title: str

    @property
    def label_x(self) -> float:
        return self.x + BAR_WIDTH / 2

    @property
    def label_y(self) -> float:
        return self.y + self.height / 2

    @property
    def labelled(self) -> bool:
        """Tall enough to print its series' number inside."""
        return self.height >= 12


@dataclass(frozen=True)
class LegendEntry:
    series: Series
    y: float
    marker: str  # lines: the series' marker beside its sample; stacked: ""

    @property
    def x(self) -> int:
        return LEFT

    @property
    def text_x(self) -> int:
        return LEFT + 40

    @property
    def sample_end(self) -> int:
        return LEFT + 28

    @property
    def middle(self) -> int:
        return LEFT + 14

    @property
    def swatch_y(self) -> float:
        return self.y - 7


@dataclass(frozen=True)
class MultiChart(_Frame):
    id: str
    kind: str  # LINES or STACKED
    title: str
    description: str
    value_heading: str
    months: tuple[Point, ...]  # the x axis: each month's label and x
    series: tuple[Series, ...]
    ticks: tuple[Tick, ...]
    width: int
    height: int
    segments: tuple[Segment, ...] = ()
    totals: tuple[str, ...] = ()  # stacked: each month's sum
    csv_url: str = ""
    target: Tick | None = None
    svg_url: str = ""
    png_url: str = ""

    @property
    def axis(self) -> tuple[Point, ...]:
        return self.months

    @property
    def legend(self) -> list[LegendEntry]:
        top = self.baseline + FOOT + 8
        return [LegendEntry(s, top + LEGEND_ROW * i,
                            _marker(s.shape, LEFT + 14, top + LEGEND_ROW * i)
                            if self.kind == LINES else "")
                for i, s in enumerate(self.series)]

    @property
    def has_values(self) -> bool:
        return any(p.y is not None for s in self.series for p in s.points)


def _multi_height(series: int) -> int:
    return TOP + PLOT_HEIGHT + FOOT + 8 + LEGEND_ROW * series


def lines(named_series: Sequence[tuple[str, Sequence[tuple]]], *, chart_id: str, title: str,
          description: str, value_heading: str,
          format_value: Callable[[Decimal], str] = localized_number,
          maximum: Decimal | None = None, target: Decimal | None = None, csv_url: str = "",
          svg_url: str = "", png_url: str = "") -> MultiChart:
    """Several monthly series on one scale: `named_series` is (name, [(month, value or
    None)]) pairs, every series over the same months."""
    values = [to_decimal(v) for _n, series in named_series for _m, v in series if v is not None]
    top = _scale_top(values + ([to_decimal(target)] if target is not None else []), maximum)
    months = named_series[0][1] if named_series else []
    series = tuple(Series(i + 1, name, _points(s, top, format_value, name))
                   for i, (name, s) in enumerate(named_series))
    return MultiChart(chart_id, LINES, title, description, value_heading,
                      _points([(m, None) for m, _v in months], top, format_value), series,
                      _ticks(top, format_value), _width(len(months)),
                      _multi_height(len(series)), csv_url=csv_url,
                      target=_target(target, top, format_value), svg_url=svg_url,
                      png_url=png_url)


def stacked(months: Sequence, named_series: Sequence[tuple[str, dict]], *, chart_id: str,
            title: str, description: str, value_heading: str,
            format_value: Callable[[Decimal], str] = localized_number, csv_url: str = "",
            svg_url: str = "", png_url: str = "") -> MultiChart:
    """Bars of each month's sum, stacked from its parts: `named_series` is (name, {month:
    value}) pairs, the first at the bottom."""
    sums = [sum((to_decimal(values.get(m, 0)) for _n, values in named_series), Decimal(0))
            for m in months]
    top = _scale_top(sums, None)
    series, segments = [], []
    base = [Decimal(0)] * len(months)
    for number, (name, values) in enumerate(named_series, 1):
        row = [(m, values.get(m)) for m in months]
        one = Series(number, name, _points(row, top, format_value, name),
                     format_value(sum((to_decimal(v) for v in values.values()), Decimal(0))))
        series.append(one)
        for i, (_m, value) in enumerate(row):
            if not value:
                continue
            low, high = _y(base[i], top), _y(base[i] + to_decimal(value), top)
            base[i] += to_decimal(value)
            segments.append(Segment(number, one.tone, _x(i) - BAR_WIDTH / 2, high,
                                    round(low - high, 1), one.points[i].title))
    return MultiChart(chart_id, STACKED, title, description, value_heading,
                      _points([(m, None) for m in months], top, format_value), tuple(series),
                      _ticks(top, format_value), _width(len(months)),
                      _multi_height(len(series)), tuple(segments),
                      tuple(format_value(v) for v in sums), csv_url, svg_url=svg_url,
                      png_url=png_url)


# -- a map of places -------------------------------------------------------------------------

MAP_WIDTH, MAP_PAD, BUBBLE_MAX, BUBBLE_MIN = 480, 36, 26, 4
MAP_SPAN = 1.0  # degrees: about 110 km, a regency and its neighbours or the coast


@dataclass(frozen=True)
class Bubble:
    name: str
    count_text: str
    latitude_text: str
    longitude_text: str
    cx: float | None  # None: no stored coordinates, in the table only
    cy: float | None
    r: float
    title: str

    @property
    def counted_inside(self) -> bool:
        """Large enough to carry its count (the title and the table always do)."""
        return self.r >= 10

    @property
    def label_y(self) -> float | None:
        """The place's name, below its bubble."""
        return None if self.cy is None else round(self.cy + self.r + 11, 1)


@dataclass(frozen=True)
class Graticule:
    x1: float
    y1: float
    x2: float
    y2: float
    text: str
    text_x: float
    text_y: float


@dataclass(frozen=True)
class MapChart:
    id: str
    title: str
    description: str
    place_heading: str
    count_heading: str
    bubbles: tuple[Bubble, ...]
    graticule: tuple[Graticule, ...]
    width: int
    height: int
    land: str  # the base map's land as an SVG path ("" at sea, or without the base map)
    csv_url: str = ""
    svg_url: str = ""
    png_url: str = ""
    kind: str = MAP
    target: None = None  # as the month charts' (none on a map)

    @property
    def has_values(self) -> bool:
        return any(b.cx is not None for b in self.bubbles)

    @property
    def placed(self) -> list[Bubble]:
        """Largest first, so a small bubble is drawn over a large one, not under it."""
        return sorted((b for b in self.bubbles if b.cx is not None), key=lambda b: -b.r)


def _degrees(value: float, positive: str, negative: str, places: int = 1) -> str:
    return f"{localized_number(abs(value), places)}° {positive if value >= 0 else negative}"


def _grid_step(span: float) -> float:
    return next(step for step in (0.25, 0.5, 1, 2, 5, 10, 20) if span / step <= 6)


def _widened(low: float, high: float) -> tuple[float, float]:
    middle, half = (low + high) / 2, max(high - low, MAP_SPAN) / 2
    return middle - half, middle + half


def bubble_map(places: Sequence[tuple], *, chart_id: str, title: str, description: str,
               place_heading: str, count_heading: str, csv_url: str = "", svg_url: str = "",
               png_url: str = "") -> MapChart:
    """`places`: (name, count, latitude or None, longitude or None). Projected
    equirectangularly over the land of the base map (web.base_map), at least MAP_SPAN
    degrees each way so that a cluster in one regency still shows where it lies, on a
    graticule of round degrees; a bubble's area ∝ its count."""
    located = [(float(lat), float(lon)) for _n, _c, lat, lon in places
               if lat is not None and lon is not None]
    south, north = (min(a for a, _o in located), max(a for a, _o in located)) if located \
        else (-8.0, -7.0)
    west, east = (min(o for _a, o in located), max(o for _a, o in located)) if located \
        else (110.0, 111.0)
    south, north = _widened(south - 0.1, north + 0.1)
    west, east = _widened(west - 0.1, east + 0.1)
    shrink = math.cos(math.radians((south + north) / 2))
    scale = (MAP_WIDTH - 2 * MAP_PAD) / max((east - west) * shrink, north - south)
    height = int(2 * MAP_PAD + (north - south) * scale)
    projection = base_map.Equirectangular(west, north, shrink, scale, MAP_PAD)

    def project(lat: float, lon: float) -> tuple[float, float]:
        x, y = projection(lat, lon)
        return round(x, 1), round(y, 1)
    step = _grid_step(max(east - west, north - south))
    decimals = 2 if step < 0.5 else 1  # 110,75°, not 110,8°
    lines_ = []
    for k in range(math.floor(west / step), math.ceil(east / step) + 1):
        lon = k * step
        x, _y0 = project(north, lon)
        if MAP_PAD / 2 <= x <= MAP_WIDTH - 2 * MAP_PAD:  # room for its label on the right
            lines_.append(Graticule(x, MAP_PAD / 2, x, height - MAP_PAD / 2,
                                    _degrees(lon, "BT", "BB", decimals), x + 3, height - 4))
    for k in range(math.floor(south / step), math.ceil(north / step) + 1):
        lat = k * step
        _x0, y = project(lat, west)
        if MAP_PAD / 2 <= y <= height - MAP_PAD / 2:
            lines_.append(Graticule(MAP_PAD / 2, y, MAP_WIDTH - MAP_PAD / 2, y,
                                    _degrees(lat, "LU", "LS", decimals), MAP_PAD / 2 + 2, y - 3))
    most = max((c for _n, c, _a, _o in places), default=0) or 1
    bubbles = []
    for name, count, lat, lon in places:
        r = round(max(BUBBLE_MIN, BUBBLE_MAX * math.sqrt(count / most)), 1)
        cx, cy = project(float(lat), float(lon)) if lat is not None and lon is not None \
            else (None, None)
        count_text = localized_number(count)
        bubbles.append(Bubble(
            name, count_text,
            NO_VALUE if lat is None else _degrees(float(lat), "LU", "LS"),
            NO_VALUE if lon is None else _degrees(float(lon), "BT", "BB"),
            cx, cy, r, f"{name}: {count_text}"))
    return MapChart(chart_id, title, description, place_heading, count_heading,
                    tuple(bubbles), tuple(lines_), MAP_WIDTH, height,
                    base_map.land_path(projection, MAP_WIDTH, height),
                    csv_url, svg_url, png_url)


# -- named figures -----------------------------------------------------------------------------

NAMED_WIDTH, NAMED_LEFT, NAMED_RIGHT, NAMED_ROW, NAMED_BAR, NAMED_GAP = 360, 4, 96, 46, 18, 16


@dataclass(frozen=True)
class NamedBar:
    label: str
    value: Decimal
    value_text: str
    tone: str  # the class that colours it (site.css)
    y: float  # the top of the bar
    width: float

    @property
    def label_y(self) -> float:
        return self.y - 5

    @property
    def text_x(self) -> float:
        return NAMED_LEFT + self.width + 6

    @property
    def text_y(self) -> float:
        return self.y + NAMED_BAR / 2


@dataclass(frozen=True)
class NamedChart:
    id: str
    title: str
    description: str
    label_heading: str
    value_heading: str
    bars: tuple[NamedBar, ...]
    width: int
    height: int
    csv_url: str = ""
    svg_url: str = ""
    png_url: str = ""
    kind: str = NAMED
    target: None = None
    bar_height: int = NAMED_BAR
    left: int = NAMED_LEFT

    @property
    def has_values(self) -> bool:
        return bool(self.bars)

    def rows(self) -> list[list]:
        """The figures for the CSV: label, value."""
        return [[b.label, b.value] for b in self.bars]


def named_bars(figures: Sequence[tuple[str, Decimal, str]], *, chart_id: str, title: str,
               description: str, label_heading: str, value_heading: str,
               format_value: Callable[[Decimal], str] = localized_number, csv_url: str = "",
               svg_url: str = "", png_url: str = "") -> NamedChart:
    """`figures`: (label, value ≥ 0, tone class) in the order drawn, top to bottom; the
    longest bar is the largest value."""
    values = [to_decimal(v) for _l, v, _t in figures]
    top = max(values, default=Decimal(0)) or Decimal(1)
    span = NAMED_WIDTH - NAMED_LEFT - NAMED_RIGHT
    bars = tuple(NamedBar(label, value, format_value(value), tone, NAMED_GAP + NAMED_ROW * i,
                          float(round(max(value, Decimal(0)) / top * span, 1)))
                 for i, ((label, _v, tone), value) in enumerate(zip(figures, values,
                                                                    strict=True)))
    return NamedChart(chart_id, title, description, label_heading, value_heading, bars,
                      NAMED_WIDTH, NAMED_GAP + NAMED_ROW * len(bars), csv_url, svg_url,
                      png_url)


# -- standalone SVG and PNG ------------------------------------------------------------------

_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_VARIABLE = re.compile(r"--([\w-]+):\s*([^;]+);")


@cache
def export_style() -> str:
    """The chart rules of site.css with its colour variables written out (an SVG file
    stands alone, and the rasteriser knows no custom properties)."""
    css = re.sub(r"/\*.*?\*/", "", Path(finders.find("pasok/site.css")).read_text("utf-8"),
                 flags=re.S)
    values = {}
    # The page's sizing of the picture (height: auto) would leave a file with no height.
    rules = [".chart-svg { font-family: system-ui, sans-serif; font-size: 11px; }"]
    for selectors, body in _RULE.findall(css):
        if selectors.strip() == ":root":
            values.update((k, v.strip()) for k, v in _VARIABLE.findall(body))
        elif ".chart-svg ." in selectors:
            rules.append(f"{selectors.strip()} {{{body.strip()}}}")
    return re.sub(r"var\(--([\w-]+)\)", lambda m: values.get(m.group(1), "#000"),
                  "\n".join(rules))


def svg_document(chart_) -> str:
    """The chart as an SVG file of its own."""
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + render_to_string(
        "web/_chart_svg.html", {"chart": chart_, "style": export_style()}).strip() + "\n"


def svg_response(chart_, filename: str) -> HttpResponse:
    response = HttpResponse(svg_document(chart_), content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.svg"'
    return response


def png_response(chart_, filename: str) -> HttpResponse:
    """The SVG rasterised at twice its size (cairosvg, over the system's libcairo)."""
    import cairosvg  # loads libcairo: only when a PNG is asked for

    png = cairosvg.svg2png(bytestring=svg_document(chart_).encode("utf-8"), scale=2,
                           background_color="white")
    response = HttpResponse(png, content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="{filename}.png"'
    return response


def download(chart_, fmt: str, filename: str, columns: Sequence[str],
             rows: Iterable[Sequence]) -> HttpResponse:
    """The chart as the file `fmt` asks for: its figures as CSV, or the picture."""
    if fmt == "csv":
        return series_csv_response(filename, columns, rows)
    if fmt == "svg":
        return svg_response(chart_, filename)
    return png_response(chart_, filename)


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
