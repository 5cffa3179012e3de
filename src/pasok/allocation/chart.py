"""Utilisation per member and month as a heat map, drawn on the server as inline SVG
(no chart library): one row per member, one column per month, the colour from pale (idle)
to the brand colour (full), with the percentage written in each cell."""

from dataclasses import dataclass

from pasok.web.colour import text_on
from pasok.web.formatting import localized_number

from .presenting import Utilisation

NAME_WIDTH, CELL_WIDTH, CELL_HEIGHT, HEAD_HEIGHT, GAP = 180, 58, 26, 22, 2
IDLE, FULL = (0xF4, 0xF6, 0xF8), (0xA4, 0x47, 0x1C)
NAME_CHARS = 24


@dataclass
class Cell:
    x: int
    y: int
    fill: str
    text: str
    text_fill: str
    title: str

    @property
    def text_x(self) -> float:
        return self.x + CELL_WIDTH / 2

    @property
    def text_y(self) -> float:
        return self.y + CELL_HEIGHT * 0.68


def colour(share: float | None) -> str:
    if share is None:
        return "#ffffff"
    t = max(0.0, min(1.0, share))
    return "#" + "".join(f"{round(a + (b - a) * t):02x}" for a, b in zip(IDLE, FULL,
                                                                       strict=True))


def _short(name: str) -> str:
    return name if len(name) <= NAME_CHARS else name[:NAME_CHARS - 1] + "…"


def heatmap(rows: list[Utilisation], months: list[str]) -> dict:
    cells, names = [], []
    for r, row in enumerate(rows):
        y = HEAD_HEIGHT + r * (CELL_HEIGHT + GAP)
        names.append({"y": y + CELL_HEIGHT * 0.68, "text": _short(row.name), "title": row.name})
        for t, share in enumerate(row.shares):
            text = "–" if share is None else localized_number(100 * share) + "%"
            cells.append(Cell(
                x=NAME_WIDTH + t * (CELL_WIDTH + GAP), y=y, fill=colour(share), text=text,
                text_fill=text_on(colour(share)),
                title=f"{row.name}, {months[t]}: {localized_number(row.kg[t])} / "
                      f"{localized_number(row.capacity[t])} kg"))
    return {
        "width": NAME_WIDTH + len(months) * (CELL_WIDTH + GAP),
        "height": HEAD_HEIGHT + len(rows) * (CELL_HEIGHT + GAP),
        "cell_width": CELL_WIDTH, "cell_height": CELL_HEIGHT,
        "heads": [{"x": NAME_WIDTH + t * (CELL_WIDTH + GAP) + CELL_WIDTH / 2, "text": m}
                  for t, m in enumerate(months)],
        "names": names, "cells": cells,
    }
