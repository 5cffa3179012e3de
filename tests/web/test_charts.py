"""The SVG chart kernel (pasok.web.charts, web/_chart.html) and the series CSV: geometry,
accessibility, the strict CSP, numbers in the active language."""

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from pasok.web.charts import BAR, LINE, chart, series_csv_response
from pasok.web.formatting import localized_number, localized_percent

MONTHS = [dt.date(2027, m, 1) for m in (1, 2, 3, 4)]
SERIES = [(MONTHS[0], Decimal(50)), (MONTHS[1], None), (MONTHS[2], Decimal("66.666")),
          (MONTHS[3], Decimal(100))]


def _chart(kind=LINE, series=SERIES, **kw):
    return chart(series, chart_id="chart-otif", title="On time in full",
                 description="Share of orders in full by their date.", value_heading="%",
                 format_value=lambda v: localized_percent(v, 1), kind=kind, maximum=100,
                 **kw)


def test_points_sit_on_the_scale_and_the_line_breaks_where_a_month_has_no_figure():
    c = _chart()
    bottom, top = c.baseline, c.baseline - 140
    ys = [p.y for p in c.points]
    assert ys[0] == (bottom + top) / 2 and ys[1] is None and ys[3] == top
    assert c.line_path.count("M") == 2 and c.line_path.count("L") == 1
    assert [p.x for p in c.points] == sorted(p.x for p in c.points)
    assert c.width == c.points[-1].x + 28 + 12


def test_the_scale_rounds_up_without_a_fixed_maximum():
    def top(values):
        c = chart([(MONTHS[i], v) for i, v in enumerate(values)], chart_id="c", title="t",
                  description="d", value_heading="v",
                  format_value=lambda v: localized_number(v, 1))
        return c.ticks[-1].text
    with translation.override("en"):
        assert top([Decimal(47_619), Decimal(3)]) == "50,000.0"
        assert top([Decimal(120)]) == "200.0"
        assert top([Decimal("0.3")]) == "0.5"
        assert top([None, Decimal(0)]) == "1.0"


def _rendered(language, kind=LINE):
    with translation.override(language):
        return render_to_string("web/_chart.html",
                                {"chart": _chart(kind, csv_url="/x/csv/?series=otif")})


@pytest.mark.parametrize("kind", [LINE, BAR])
def test_the_svg_is_an_image_with_its_title_description_and_the_numbers_as_a_table(kind):
    html = _rendered("en", kind)
    assert re.search(r'<svg [^>]*role="img" aria-labelledby="chart-otif-title chart-otif-desc"',
                     html)
    assert '<title id="chart-otif-title">On time in full</title>' in html
    assert '<desc id="chart-otif-desc">Share of orders in full by their date.</desc>' in html
    table = html[html.index("<table"):]
    for text in ("50.0%", "66.7%", "100.0%", "–", "Jan 2027", "Feb 2027"):
        assert text in table
    assert "<title>Mar 2027: 66.7%</title>" in html
    assert "<title>" in html and ("chart-bar" in html) == (kind == BAR)
    assert html.count('class="chart-bar"') == (3 if kind == BAR else 0)
    assert html.count('class="chart-dot"') == (3 if kind == LINE else 0)
    assert 'href="/x/csv/?series=otif"' in html


def test_no_inline_style_or_script_for_the_strict_csp():
    for kind in (LINE, BAR):
        html = _rendered("id", kind)
        assert "style=" not in html and "<script" not in html and "fill=" not in html


def test_numbers_are_written_in_the_active_language_and_coordinates_never_are():
    html = _rendered("id")
    assert "66,7%" in html and "66.7%" not in html.split("<table")[1]
    # Coordinates stay in the SVG's own notation whatever the language (localize off).
    assert re.search(r'cy="\d+\.\d"', html) or re.search(r'cy="\d+"', html)
    assert not re.search(r'c[xy]="\d+,\d', html)


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        _chart(kind="pie")


def _csv(language, rows, columns=("Month", "On time in full (%)")):
    with translation.override(language):
        response = series_csv_response("scorecard", columns, rows)
    return response, response.content.decode("utf-8")


def test_the_csv_writes_a_series_in_the_languages_notation():
    rows = [[m, v] for m, v in SERIES]
    response, text = _csv("id", rows)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="scorecard.csv"'
    assert text.startswith("\ufeff")
    assert text[1:].splitlines() == ["Month;On time in full (%)", "2027-01;50", "2027-02;",
                                     "2027-03;66,67", "2027-04;100"]
    _response, english = _csv("en", rows)
    assert english[1:].splitlines()[3] == "2027-03,66.67"


def test_the_csv_makes_text_safe_for_spreadsheets():
    _response, text = _csv("en", [["=HYPERLINK(\"x\")", Decimal(1)]], columns=("@name", "v"))
    assert text[1:].splitlines() == ["'@name,v", '"\'=HYPERLINK(""x"")",1']


def test_a_target_is_a_dashed_line_named_in_the_description():
    c = _chart(target=Decimal(40))
    assert c.target.y == c.baseline - 140 * 0.4
    with translation.override("id"):
        html = render_to_string("web/_chart.html", {"chart": _chart(target=Decimal(40))})
    assert 'class="chart-target"' in html and "Target: 40,0%" in html
    assert "chart-target" not in render_to_string("web/_chart.html", {"chart": _chart()})


def test_the_marks_stand_out_at_3_to_1_and_the_text_at_4_5_to_1():
    """WCAG 1.4.11 for the line, dots, bars and target; 1.4.3 for the scale's text."""
    from pathlib import Path

    import pasok
    from pasok.web.colour import contrast_ratio

    css = (Path(pasok.__file__).parent / "web/static/pasok/site.css").read_text()

    def var(name):
        return re.search(rf"--{name}: (#[0-9a-f]{{6}})", css).group(1)
    assert ".chart-svg .chart-line { fill: none; stroke: var(--brand)" in css
    assert ".chart-svg .chart-target { stroke: var(--ok)" in css
    for mark in ("brand", "ok"):
        assert contrast_ratio(var(mark), "#ffffff") >= 3
    assert ".chart-svg .chart-tick, .chart-svg .chart-month { fill: var(--muted); }" in css
    assert contrast_ratio(var("muted"), "#ffffff") >= 4.5


# -- several lines, stacked bars, the map; the SVG and PNG files -----------------------------

def _lines():
    from pasok.web.charts import lines

    return lines([("Lots", SERIES), ("Kept", [(m, Decimal(25)) for m in MONTHS])],
                 chart_id="chart-q", title="Quality", description="Two series.",
                 value_heading="%", format_value=lambda v: localized_percent(v, 1), maximum=100)


def _stacked():
    from pasok.web.charts import stacked

    return stacked(MONTHS, [("PT KAI", {MONTHS[0]: Decimal(30), MONTHS[1]: Decimal(10)}),
                            ("PT INKA", {MONTHS[0]: Decimal(20)})],
                   chart_id="chart-r", title="Revenue", description="By buyer.",
                   value_heading="Buyer")


def _map():
    from pasok.web.charts import bubble_map

    return bubble_map([("Klaten", 40, Decimal("-7.7"), Decimal("110.6")),
                       ("Boyolali", 10, Decimal("-7.5"), Decimal("110.6")),
                       ("Sukoharjo", 10, Decimal("-7.7"), Decimal("110.8")),
                       ("Unplaced", 1, None, None)],
                      chart_id="chart-m", title="Foundries", description="By regency.",
                      place_heading="Regency", count_heading="Foundries")


def _named():
    from pasok.web.charts import named_bars

    return named_bars([("Lokal", Decimal(106_000), "bar-local"),
                       ("Impor", Decimal(96_000), "bar-import")],
                      chart_id="chart-n", title="Cost a month", description="Per product.",
                      label_heading="Product", value_heading="Rp")


def _html(c, language="en"):
    with translation.override(language):
        return render_to_string("web/_chart.html", {"chart": c})


def test_several_lines_differ_by_dash_and_marker_and_the_legend_names_them():
    c = _lines()
    lots, kept = c.series
    assert (lots.shape, kept.shape) == ("circle", "square") and lots.dash != kept.dash
    assert lots.line_path.count("M") == 2  # the month without a figure breaks the line
    assert [p.y for p in kept.points] == [c.baseline - 140 / 4] * 4
    html = _html(c)
    assert html.count('class="chart-marker chart-s0"') == 3 + 1  # three points, the legend's
    assert html.count('class="chart-marker chart-s1"') == 4 + 1
    assert '<text class="chart-legend"' in html and ">Kept</text>" in html
    assert "<title>Lots, Mar 2027: 66,7%</title>" in html  # built in Indonesian
    table = html[html.index("<table"):]
    assert '<th scope="row">Kept</th>' in table and table.count("25,0%") == 4


def test_stacked_bars_add_up_and_each_segment_carries_its_series_number():
    c = _stacked()
    january = [g for g in c.segments if g.x == c.months[0].x - c.bar_width / 2]
    assert [g.number for g in january] == [1, 2]
    assert sum(g.height for g in january) == c.baseline - january[-1].y  # one bar of 50
    assert january[0].y == january[1].y + january[1].height  # the second sits on the first
    assert c.totals[:2] == ("50", "10") and c.series[0].total_text == "40"
    html = _html(c)
    assert html.count('class="chart-segment-number"') == 3 + 2  # segments and legend keys
    assert "<title>PT INKA, Jan 2027: 20</title>" in html
    assert '<th scope="row">1 · PT KAI</th>' in html and ">Total</th>" in html


def test_the_map_projects_places_and_sizes_bubbles_by_area():
    c = _map()
    klaten, boyolali, sukoharjo, unplaced = c.bubbles
    assert boyolali.cy < klaten.cy and boyolali.cx == klaten.cx  # north is up
    assert sukoharjo.cx > klaten.cx and sukoharjo.cy == klaten.cy  # east is right
    assert round((klaten.r / boyolali.r) ** 2) == 4  # 40 foundries against 10
    assert unplaced.cx is None and unplaced not in c.placed
    assert c.placed[0] is klaten  # the largest drawn first, under the others
    # At least a degree each way, so that the land around shows (the south coast here).
    assert [g.text for g in c.graticule if g.x1 == g.x2] == [
        "110,25° BT", "110,50° BT", "110,75° BT", "111,00° BT"]
    assert c.land.startswith("M") and c.land.endswith("Z")
    html = _html(c, "id")
    assert f'<path class="chart-land" d="{c.land}"/>' in html
    assert "<title>Klaten: 40</title>" in html and ">Unplaced</th>" in html
    assert "7,75° LS" in html and "style=" not in html and "fill=" not in html


def test_named_bars_are_as_long_as_their_figures_and_tabled():
    c = _named()
    local, imported = c.bars
    assert local.width == 360 - 4 - 96  # the largest spans the room
    assert imported.width == round(96_000 / 106_000 * local.width, 1)
    assert imported.y > local.y and c.rows() == [["Lokal", 106_000], ["Impor", 96_000]]
    html = _html(c, "id")
    assert '<rect class="chart-named bar-local"' in html and "<title>Lokal: 106.000</title>" in html
    assert '<th scope="row">Impor</th><td class="num">96.000</td>' in html


@pytest.mark.parametrize("build", [_chart, _lines, _stacked, _map, _named])
def test_every_chart_is_a_standalone_svg_and_a_png(build):
    import xml.etree.ElementTree as ET

    from pasok.web.charts import png_response, svg_document

    with translation.override("id"):
        document = svg_document(build())
        png = png_response(build(), "chart")
    root = ET.fromstring(document)  # noqa: S314 - our own output
    style = root.find("{http://www.w3.org/2000/svg}style").text
    assert ".chart-svg .chart-line" in style and "var(" not in style and "#a4471c" in style
    assert png.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert png["Content-Disposition"] == 'attachment; filename="chart.png"'
    # The page's sizing (height: auto) stays out: with it the file drew nothing.
    assert "height: auto" not in style
    from PIL import Image

    image = Image.open(io.BytesIO(png.content)).convert("RGB")
    assert len(image.getcolors(maxcolors=1 << 16) or range(2)) > 2  # marks, not a blank


def test_no_inline_style_in_the_new_kinds_for_the_strict_csp():
    for c in (_lines(), _stacked(), _map(), _named()):
        html = _html(c)
        assert "style=" not in html and "<style" not in html and "<script" not in html
