"""Deep links: read a view from URL query parameters, and write one back, without ever failing.

A link may come from a slide, a QR code or a mistyped bookmark, so anything unexpected turns into a friendly notice
and the default view, never an exception. Pure Python, so it can be tested with arbitrary input.

Parameters: ``region`` (a region id or name), ``audience`` (patient, therapist, educator), ``mode`` (``explore``,
``where`` for the "where does it hurt?" lookup, ``claims`` for clinic claims checked against the evidence,
``matrix`` for the referral matrix, ``quiz`` for the self-test), ``zones`` (comma-separated zone ids for the
lookup, each with ``:left`` or ``:right`` for one side of the body), ``muscle`` (a muscle id: its referral pattern is
drawn on the map; up to three, comma-separated, to compare them), ``seed`` (the self-test's class code: the same
code gives the same questions in the same order), ``quiz_region`` (comma-separated regions the self-test asks about)
``n`` (how many questions it asks), ``present`` (``1``: the presenter layout, for projecting) and ``lang`` (the
language, ``es``; English when absent).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from bodymap.data import AUDIENCES, ENGLISH, Audience, Dataset
from bodymap.i18n import N_, _
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
    audience = _choice(_first(params.get("audience")), AUDIENCES, DEFAULT_AUDIENCE, N_("view"), notices)
    mode = _choice(_first(params.get("mode")), MODES, DEFAULT_MODE, N_("mode"), notices)
    raw_muscles = _first(params.get("muscle"))
    parts = raw_muscles.split(",") if raw_muscles is not None else []
    muscles = [_muscle(part, dataset, notices) for part in ([p for p in parts if p.strip()] or parts)]
    known = list(dict.fromkeys(muscle for muscle in muscles if muscle))
    muscle_id, compare_ids = (known[0] if known else None), tuple(known[1 : 1 + MAX_COMPARED])
    if len(known) > 1 + MAX_COMPARED:
        notices.append(
            _("At most {count} muscles are drawn at once; the first {count} are shown.").format(count=1 + MAX_COMPARED)
        )
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
    language: str = ENGLISH,
) -> dict[str, str]:
    """The query parameters that reopen this view: the inverse of :func:`parse_view_request` (and, for ``lang``, of
    :func:`parse_language`)."""
    query: dict[str, str] = {}
    if language != ENGLISH:
        query["lang"] = language
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


def parse_language(params: Mapping[str, str | Iterable[str]], offered: Sequence[str]) -> tuple[str | None, str | None]:
    """The language a link asks for (``lang=es``), if it is one of those ``offered``; else None and, for a value that
    is not, a notice (written in English: the language it asked for is not there to write it in)."""
    raw = _first(params.get("lang"))
    if raw is None:
        return None, None
    wanted = raw.strip().lower()
    if wanted in offered:
        return wanted, None
    return None, f"“{_shown(raw)}” is not a language bodymap is offered in ({', '.join(offered)}); showing English."


def _region(raw: str | None, dataset: Dataset, notices: list[str]) -> str | None:
    if raw is None:
        return None
    wanted = _normalise(raw)
    region = dataset.regions.get(wanted) or next(
        (candidate for candidate in dataset.regions.values() if _normalise(candidate.name) == wanted), None
    )
    if region is None:
        notices.append(_("There is no region called “{name}”. Pick one on the body map.").format(name=_shown(raw)))
        return None
    if not region.is_complete:
        not_covered = _("{region} is not covered yet. Pick a highlighted region on the body map.")
        notices.append(not_covered.format(region=region.name))
        return None
    return region.id


def _choice(raw: str | None, allowed: tuple[Choice, ...], default: Choice, noun: str, notices: list[str]) -> Choice:
    if raw is None:
        return default
    wanted = _normalise(raw)
    for choice in allowed:
        if wanted == choice:
            return choice
    notices.append(
        _("“{value}” is not a {noun}; showing the {default} {noun} ({allowed}).").format(
            value=_shown(raw), noun=_(noun), default=default, allowed=", ".join(allowed)
        )
    )
    return default


def _muscle(raw: str | None, dataset: Dataset, notices: list[str]) -> str | None:
    if raw is None:
        return None
    wanted = _normalise(raw)
    muscle = dataset.muscles.get(wanted) or next(
        (candidate for candidate in dataset.muscles.values() if _normalise(candidate.name) == wanted), None
    )
    if muscle is None:
        notices.append(_("There is no muscle called “{name}” in bodymap.").format(name=_shown(raw)))
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
        left_out = _("Some areas in the link are not on the map and were left out: {areas}.")
        notices.append(left_out.format(areas=_shown(", ".join(unknown))))
    return tuple(dict.fromkeys(known))


def _seed(raw: str | None, notices: list[str]) -> int | None:
    if raw is None:
        return None
    text = raw.strip()
    if text.isascii() and text.isdigit() and int(text) <= MAX_SEED:
        return int(text)
    not_a_code = _("“{value}” is not a class code (a whole number up to {largest}); a new code was chosen.")
    notices.append(not_a_code.format(value=_shown(raw), largest=MAX_SEED))
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
    notices.append(_("“{value}” is not a value for {name} (1 or 0).").format(value=_shown(raw), name=name))
    return False


def _quiz_length(raw: str | None, notices: list[str]) -> int | None:
    if raw is None:
        return None
    text = raw.strip()
    if text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_QUIZ_LENGTH:
        return int(text)
    not_a_length = _("“{value}” is not a number of questions (1 to {largest}); all are asked.")
    notices.append(not_a_length.format(value=_shown(raw), largest=MAX_QUIZ_LENGTH))
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
