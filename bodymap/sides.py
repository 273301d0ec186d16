"""Which side of the body an area was chosen on: "where does it hurt?" takes the person's left, right or both.

A choice is written as a zone id, or a zone id and a side, ``calf:left``. A midline zone (the forehead, the sacrum) has
no side. A limb zone chosen without a side (a link written before sides existed, or ``zones=calf``) means both sides.
The ranking does not depend on the side (a muscle refers pain to its own side); the side decides which shapes are
filled on the map and on which side a muscle's pattern is drawn when opened from the lookup.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from bodymap.data import Dataset
from bodymap.i18n import _
from bodymap.wording import SIDE_WORDS

Side = Literal["left", "right"]
SIDES: tuple[Side, ...] = ("left", "right")
SEPARATOR = ":"


@dataclass(frozen=True)
class ZoneChoice:
    """An area chosen on the map, on one side of the body or (``side`` None) on the midline or both sides."""

    zone_id: str
    side: Side | None = None

    @property
    def key(self) -> str:
        """How the choice is written in links and in the page's state: ``calf:left``, or ``sacrum``."""
        return f"{self.zone_id}{SEPARATOR}{self.side}" if self.side else self.zone_id

    def words(self, dataset: Dataset) -> str:
        """The area as a person reads it: "Calf (your left)", or "Sacrum"."""
        name = dataset.zones[self.zone_id].name
        return f"{name} ({_(SIDE_WORDS[self.side])})" if self.side else name


def parse_choice(text: str) -> ZoneChoice | None:
    """A choice from its key; None if the side is not ``left`` or ``right`` (the zone id is not checked here)."""
    zone_id, separator, side = text.partition(SEPARATOR)
    if not separator:
        return ZoneChoice(zone_id)
    for known in SIDES:
        if side == known:
            return ZoneChoice(zone_id, known)
    return None


def toggle(choices: Sequence[str], key: str) -> list[str]:
    """The choices after a tap: a tap chooses an area on the side tapped, a second tap takes it back.

    An area chosen on both sides at once (no side, from a link) keeps the side that was not tapped.
    """
    tapped = parse_choice(key)
    if tapped is None:
        return list(choices)
    if key in choices:
        return [choice for choice in choices if choice != key]
    if tapped.side and tapped.zone_id in choices:
        other = ZoneChoice(tapped.zone_id, "left" if tapped.side == "right" else "right").key
        return [other if choice == tapped.zone_id else choice for choice in choices]
    return [*choices, key]


def zone_ids(choices: Iterable[str]) -> tuple[str, ...]:
    """The zones chosen, whatever the side, in order and each once: what the lookups rank."""
    parsed = (parse_choice(choice) for choice in choices)
    return tuple(dict.fromkeys(choice.zone_id for choice in parsed if choice))


def painful_side(choices: Iterable[str]) -> Side | None:
    """The one side that every area chosen on a side is on, to draw patterns there; None for both sides or none.

    Areas without a side (the midline, or both sides) do not decide it.
    """
    sides = {choice.side for choice in map(parse_choice, choices) if choice and choice.side}
    return sides.pop() if len(sides) == 1 else None
