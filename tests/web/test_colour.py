"""Text on computed fills meets WCAG 2.1's 4.5:1 whatever the fill."""

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import pasok
from pasok.allocation.chart import colour, heatmap
from pasok.allocation.presenting import Utilisation
from pasok.web.colour import contrast_ratio, text_on

fills = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06x}")


def test_contrast_ratios_of_known_pairs():
    assert round(contrast_ratio("#000000", "#ffffff"), 2) == 21
    assert round(contrast_ratio("#767676", "#ffffff"), 2) == 4.54  # the lightest grey for text
    assert contrast_ratio("#d5dde5", "#ffffff") < 3  # too light even for a border


@given(fills)
def test_text_on_any_fill_reads_at_4_5_to_1(fill):
    assert contrast_ratio(fill, text_on(fill)) >= 4.5


@given(st.floats(0, 1))
def test_every_heat_map_cell_is_readable(share):
    row = Utilisation(supplier="a", name="CV Logam Sejahtera", kg=[700 * share], capacity=[700])
    (cell,) = heatmap([row], ["Jan"])["cells"]
    assert cell.fill == colour(share)
    assert contrast_ratio(cell.fill, cell.text_fill) >= 4.5



def test_input_borders_stand_out_at_3_to_1():
    css = (Path(pasok.__file__).parent / "web/static/pasok/site.css").read_text()
    control = re.search(r"--control: (#[0-9a-f]{6})", css).group(1)
    assert "border: 1px solid var(--control)" in css
    assert contrast_ratio(control, "#ffffff") >= 3
