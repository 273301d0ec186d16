"""WCAG 2 contrast, shared by the browser's colour checks and the printed handout's."""

from __future__ import annotations

from collections.abc import Sequence

Colour = str | float | Sequence[float]


def channels(colour: Colour) -> tuple[float, float, float]:
    """Red, green and blue from 0 to 1, from "#rrggbb", a CSS "rgb(r, g, b)", or a PDF's (r, g, b), (grey,) or grey."""
    if isinstance(colour, int | float):
        return float(colour), float(colour), float(colour)
    if isinstance(colour, str) and colour.startswith("#"):
        return tuple(int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5))  # type: ignore[return-value]
    if isinstance(colour, str):
        parts = [int(part) / 255 for part in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3]]
        return parts[0], parts[1], parts[2]
    values = [float(value) for value in colour]
    return (values[0], values[0], values[0]) if len(values) == 1 else (values[0], values[1], values[2])


def is_colour(value: Colour | None, hex_colour: str) -> bool:
    """A colour as a PDF reads it back (grey or RGB, 0 to 1, rounded to 4 places) is the given "#rrggbb"."""
    return value is not None and all(
        abs(a - b) < 0.003 for a, b in zip(channels(value), channels(hex_colour), strict=True)
    )


def luminance(colour: Colour) -> float:
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels(colour)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: Colour, second: Colour) -> float:
    """The contrast ratio, from 1 (the same) to 21 (black on white)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
