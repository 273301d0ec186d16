"""Deep links: read a view from URL query parameters, and write one back, without ever failing.

A link may come from a slide, a QR code or a mistyped bookmark, so anything unexpected turns into a friendly notice
and the default view, never an exception. Pure Python, so it can be tested with arbitrary input.

Parameters: ``region`` (a region id or name), ``audience`` (patient, therapist, educator), ``mode`` (``explore``,
``where`` for the "where does it hurt?" lookup, ``claims`` for clinic claims checked against the evidence,
``matrix`` for the referral matrix, ``quiz`` for the self-test), ``zones`` (comma-separated zone ids for the
lookup, each with ``:left`` or ``:right`` for one side of the body), ``muscle`` (a muscle id: its referral pattern is
drawn on the map; up to three, comma-separated, to compare them), ``seed`` (the self-test's class code: the same
code gives the same questions in the same order), ``quiz_region`` (comma-separated regions the self-test asks about)
``n`` (how many questions it asks) and ``present`` (``1``: the presenter layout, for projecting).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, TypeVar

from bodymap.data import AUDIENCES, Audience, Dataset
from bodymap.sides import SEPARATOR, ZoneChoice, parse_choice

Mode = Literal["explore", "where", "claims", "matrix", "quiz"]
MODES: tuple[Mode, ...] = ("explore", "where", "claims", "matrix", "quiz")
DEFAULT_AUDIENCE: Audience = "patient"
DEFAULT_MODE: Mode = "explore"
MAX_SHOWN_VALUE = 40  # a pasted essay in a URL is cut short in the notice
MAX_ZONES = 100
MAX_SEED = 999_999
MAX_COMPARED = 2  # muscles drawn beside the first: three patterns at once at most
MAX_QUIZ_LENGTH = 500  # more than the pool holds; a longer run is the whole pool
Choice = TypeVar("Choice", bound=str)


@dataclass(frozen=True)
class ViewRequest:
    """What a URL asks to show, after checking it against the dataset."""

    region_id: str | None = None
    audience: Audience = DEFAULT_AUDIENCE
    mode: Mode = DEFAULT_MODE
    zone_ids: tuple[str, ...] = ()
    muscle_id: str | None = None
    seed: int | None = None
    notices: tuple[str, ...] = ()
    quiz_region_ids: tuple[str, ...] = ()
    quiz_length: int | None = None
    compare_ids: tuple[str, ...] = ()  # up to two more muscles drawn beside ``muscle_id``
    present: bool = False  # the presenter layout, for projecting to a class


def parse_view_request(params: Mapping[str, str | Iterable[str]], dataset: Dataset) -> ViewRequest:
    """Turn query parameters into a view, with a notice for every value that could not be used.

    Args:
        params: query parameters; a value may be a string or a list of strings (the first is used).
        dataset: the validated dataset, to check ids against.

    Returns:
        The view to show, and notices to display as text.
    """
    notices: list[str] = []
    region_id = _region(_first(params.get("region")), dataset, notices)
    audience = _choice(_first(params.get("audience")), AUDIENCES, DEFAULT_AUDIENCE, "view", notices)
    mode = _choice(_first(params.get("mode")), MODES, DEFAULT_MODE, "mode", notices)
    raw_muscles = _first(params.get("muscle"))
    parts = raw_muscles.split(",") if raw_muscles is not None else []
    muscles = [_muscle(part, dataset, notices) for part in ([p for p in parts if p.strip()] or parts)]
    known = list(dict.fromkeys(muscle for muscle in muscles if muscle))
    muscle_id, compare_ids = (known[0] if known else None), tuple(known[1 : 1 + MAX_COMPARED])
    if len(known) > 1 + MAX_COMPARED:
        notices.append(f"At most {1 + MAX_COMPARED} muscles are drawn at once; the first {1 + MAX_COMPARED} are shown.")
    zone_ids = _zones(_first(params.get("zones")), dataset, notices)
    seed = _seed(_first(params.get("seed")), notices)
    quiz_region_ids = _quiz_regions(_first(params.get("quiz_region")), dataset, notices)
    quiz_length = _quiz_length(_first(params.get("n")), notices)
    present = _flag(_first(params.get("present")), "present", notices)
    return ViewRequest(
        region_id,
        audience,
        mode,
        zone_ids,
        muscle_id,
        seed,
        tuple(notices),
        quiz_region_ids,
        quiz_length,
        compare_ids,
        present,
    )


def view_query(
    region_id: str | None,
    audience: Audience,
    mode: Mode = DEFAULT_MODE,
    zone_ids: Iterable[str] = (),
    muscle_id: str | None = None,
    seed: int | None = None,
    quiz_region_ids: Iterable[str] = (),
    quiz_length: int | None = None,
    compare_ids: Iterable[str] = (),
    present: bool = False,
) -> dict[str, str]:
    """The query parameters that reopen this view: the inverse of :func:`parse_view_request`."""
    query: dict[str, str] = {}
    if region_id:
        query["region"] = region_id
    query["audience"] = audience
    if mode != DEFAULT_MODE:
        query["mode"] = mode
    zones = ",".join(zone_ids)
    if zones:
        query["zones"] = zones
    if muscle_id:
        query["muscle"] = ",".join([muscle_id, *compare_ids])
    if seed is not None:
        query["seed"] = str(seed)
    quiz_regions = ",".join(quiz_region_ids)
    if quiz_regions:
        query["quiz_region"] = quiz_regions
    if quiz_length is not None:
        query["n"] = str(quiz_length)
    if present:
        query["present"] = "1"
    return query


def _region(raw: str | None, dataset: Dataset, notices: list[str]) -> str | None:
    if raw is None:
        return None
    wanted = _normalise(raw)
    region = dataset.regions.get(wanted) or next(
        (candidate for candidate in dataset.regions.values() if _normalise(candidate.name) == wanted), None
    )
    if region is None:
        notices.append(f"There is no region called “{_shown(raw)}”. Pick one on the body map.")
        return None
    if not region.is_complete:
        notices.append(f"{region.name} is not covered yet. Pick a highlighted region on the body map.")
        return None
    return region.id


def _choice(raw: str | None, allowed: tuple[Choice, ...], default: Choice, noun: str, notices: list[str]) -> Choice:
    if raw is None:
        return default
    wanted = _normalise(raw)
    for choice in allowed:
        if wanted == choice:
            return choice
    notices.append(f"“{_shown(raw)}” is not a {noun}; showing the {default} {noun} ({', '.join(allowed)}).")
    return default


def _muscle(raw: str | None, dataset: Dataset, notices: list[str]) -> str | None:
    if raw is None:
        return None
    wanted = _normalise(raw)
    muscle = dataset.muscles.get(wanted) or next(
        (candidate for candidate in dataset.muscles.values() if _normalise(candidate.name) == wanted), None
    )
    if muscle is None:
        notices.append(f"There is no muscle called “{_shown(raw)}” in bodymap.")
        return None
    return muscle.id


def _zones(raw: str | None, dataset: Dataset, notices: list[str]) -> tuple[str, ...]:
    if raw is None:
        return ()
    known: list[str] = []
    unknown: list[str] = []
    for text in (part for part in raw.split(",")[:MAX_ZONES] if part.strip()):
        zone, separator, side = text.partition(SEPARATOR)
        choice = parse_choice(f"{_normalise(zone)}{separator}{_normalise(side)}")
        parts = dataset.zone_ids_for(choice.zone_id) if choice else ()
        known += [ZoneChoice(part, choice.side).key for part in parts if choice]
        if not parts:
            unknown.append(_normalise(text))
    if unknown:
        notices.append(f"Some areas in the link are not on the map and were left out: {_shown(', '.join(unknown))}.")
    return tuple(dict.fromkeys(known))


def _seed(raw: str | None, notices: list[str]) -> int | None:
    if raw is None:
        return None
    text = raw.strip()
    if text.isascii() and text.isdigit() and int(text) <= MAX_SEED:
        return int(text)
    notices.append(f"“{_shown(raw)}” is not a class code (a whole number up to {MAX_SEED}); a new code was chosen.")
    return None


def _quiz_regions(raw: str | None, dataset: Dataset, notices: list[str]) -> tuple[str, ...]:
    """The self-test's regions, each by id or name; one not covered or unknown is left out with a notice."""
    if raw is None:
        return ()
    found = [_region(part, dataset, notices) for part in raw.split(",")[: len(dataset.regions)] if part.strip()]
    return tuple(dict.fromkeys(region_id for region_id in found if region_id))


def _flag(raw: str | None, name: str, notices: list[str]) -> bool:
    if raw is None:
        return False
    if raw.strip() in ("1", "0"):
        return raw.strip() == "1"
    notices.append(f"“{_shown(raw)}” is not a value for {name} (1 or 0).")
    return False


def _quiz_length(raw: str | None, notices: list[str]) -> int | None:
    if raw is None:
        return None
    text = raw.strip()
    if text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_QUIZ_LENGTH:
        return int(text)
    notices.append(f"“{_shown(raw)}” is not a number of questions (1 to {MAX_QUIZ_LENGTH}); all are asked.")
    return None


def _first(value: str | Iterable[str] | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return next(iter(value), None)


def _normalise(value: str) -> str:
    return "_".join(value.strip().lower().replace("-", " ").replace("_", " ").split())


def _shown(value: str) -> str:
    """A user-supplied value made safe to quote back: printable, one line, short."""
    printable = "".join(char if char.isprintable() else " " for char in value).strip()
    return printable if len(printable) <= MAX_SHOWN_VALUE else printable[: MAX_SHOWN_VALUE - 1] + "…"
