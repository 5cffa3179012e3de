"""Colour contrast as WCAG 2.1 measures it, for text drawn on computed fills (chart cells).

Relative luminance and contrast ratio follow the definitions of WCAG 2.1 (success criterion
1.4.3 asks 4.5:1 for text). Black or white, whichever contrasts more, reaches at least
4.58:1 on any fill: the two ratios meet where the fill's luminance is √(1.05 × 0.05) − 0.05."""

BLACK, WHITE = "#000000", "#ffffff"


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str) -> float:
    lighter, darker = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def text_on(fill: str) -> str:
    """Black or white text, whichever reads better on `fill` ("#rrggbb")."""
    return BLACK if contrast_ratio(fill, BLACK) >= contrast_ratio(fill, WHITE) else WHITE
