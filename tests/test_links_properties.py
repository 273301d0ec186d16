"""Property-based tests: any URL and any id gives a view or a friendly notice, never an exception.

A link may come from a slide, a QR code, a chat message or a mistyped bookmark; ids may come from a URL or the command
line. Hypothesis throws arbitrary text at the deep-link parser and the lookup API: unicode, control characters, huge
values, lists, and real ids in odd spellings.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import event, example, given, settings
from hypothesis import strategies as st

from bodymap.data import AUDIENCES, PACKAGED_DATA_DIR, Audience, load_dataset
from bodymap.links import DEFAULT_AUDIENCE, DEFAULT_MODE, MAX_ZONES, MODES, parse_view_request, view_query
from bodymap.lookup import UnknownIdError, muscle_pattern, muscles_referring_to, region_details

# The real dataset, loaded once: the strategies are built from it, and a failing example then shows only its input.
DATASET = load_dataset(PACKAGED_DATA_DIR)
PARAMETERS = ("region", "audience", "mode", "zones", "muscle")
# Every parameter parse_view_request reads: a random key may spell one ("n" did), and then its value is used or noticed.
READ_PARAMETERS = (*PARAMETERS, "seed", "quiz_region", "n", "present")
FEW = settings(max_examples=200, deadline=None)
MAX_NOTICE = 300  # characters: a notice quotes at most 40 characters of what it was given

any_text = st.text(st.characters(codec="utf-8"), max_size=60)  # unicode, control characters, RTL marks, emoji
huge_text = st.builds(lambda part, times: part * times, st.text(min_size=1, max_size=4), st.integers(1_000, 50_000))


def odd_spelling(value: str) -> st.SearchStrategy[str]:
    """A real id or name as a person might type it: other case, padding, hyphens or spaces for underscores."""
    return st.sampled_from(
        [value, value.upper(), f"  {value} ", value.replace("_", "-"), value.replace("_", " "), value.title()]
    )


real_value = st.sampled_from(
    [
        *DATASET.regions,
        *(region.name for region in DATASET.regions.values()),
        *DATASET.muscles,
        *DATASET.zones,
        *AUDIENCES,
        *MODES,
    ]
).flatmap(odd_spelling)
real_zone_list = st.lists(st.sampled_from(sorted(DATASET.zones)), max_size=8).map(",".join)
one_value = st.one_of(any_text, huge_text, real_value, real_zone_list)
param_value = st.one_of(one_value, st.lists(one_value, max_size=3))
params = st.dictionaries(st.one_of(st.sampled_from(PARAMETERS), any_text), param_value, max_size=8)


def first(value: str | list[str] | None) -> str | None:
    return value if value is None or isinstance(value, str) else next(iter(value), None)


def normalised(value: str) -> str:
    return "_".join(value.strip().lower().replace("-", " ").replace("_", " ").split())


@FEW
@given(query=params)
def test_any_query_gives_a_valid_view(query: dict[str, str | list[str]]) -> None:
    view = parse_view_request(query, DATASET)
    assert view.region_id is None or DATASET.regions[view.region_id].is_complete
    assert view.audience in AUDIENCES
    assert view.mode in MODES
    assert view.muscle_id is None or view.muscle_id in DATASET.muscles
    assert set(view.zone_ids) <= set(DATASET.zones)
    assert len(view.zone_ids) == len(set(view.zone_ids)) <= MAX_ZONES


@FEW
@given(query=params)
def test_notices_are_short_printable_lines(query: dict[str, str | list[str]]) -> None:
    for notice in parse_view_request(query, DATASET).notices:
        assert 0 < len(notice) <= MAX_NOTICE
        assert all(char.isprintable() for char in notice), repr(notice)


@FEW
@given(query=params)
@example(query={"n": ""})  # found by a mutation run's clean run: a random key that spells a parameter
def test_a_value_not_used_always_gets_a_notice(query: dict[str, str | list[str]]) -> None:
    """The answer is what was asked for, or the default view with a friendly notice: never a silent change."""
    view = parse_view_request(query, DATASET)
    region, audience, mode, zones, muscle = (first(query.get(name)) for name in PARAMETERS)
    ignored = [
        region is not None and view.region_id is None,
        audience is not None and normalised(audience) != view.audience,
        mode is not None and normalised(mode) != view.mode,
        muscle is not None and view.muscle_id is None,
        zones is not None
        and any(normalised(part) not in DATASET.zones for part in zones.split(",")[:MAX_ZONES] if part.strip()),
    ]
    if any(ignored):
        assert view.notices, (query, view)
    if all(first(query.get(name)) is None for name in READ_PARAMETERS):
        assert (view.region_id, view.audience, view.mode, view.zone_ids, view.muscle_id, view.notices) == (
            None,
            DEFAULT_AUDIENCE,
            DEFAULT_MODE,
            (),
            None,
            (),
        )


@FEW
@given(query=params)
def test_the_link_written_for_a_view_reopens_it_without_notices(query: dict[str, str | list[str]]) -> None:
    view = parse_view_request(query, DATASET)
    link = view_query(view.region_id, view.audience, view.mode, view.zone_ids, view.muscle_id)
    again = parse_view_request(link, DATASET)
    assert again.notices == ()
    assert (again.region_id, again.audience, again.mode, again.zone_ids, again.muscle_id) == (
        view.region_id,
        view.audience,
        view.mode,
        view.zone_ids,
        view.muscle_id,
    )


@FEW
@given(region=st.sampled_from(sorted(r.id for r in DATASET.regions.values() if r.is_complete)).flatmap(odd_spelling))
def test_a_real_region_in_any_spelling_opens_without_notice(region: str) -> None:
    view = parse_view_request({"region": region}, DATASET)
    assert view.region_id == normalised(region)
    assert view.notices == ()


ids = st.one_of(any_text, huge_text, st.sampled_from([*DATASET.zones, *DATASET.muscles, *DATASET.regions]))


@FEW
@given(zone_ids=st.lists(ids, max_size=6))
def test_muscles_referring_to_any_zones_answers_or_names_the_unknown(zone_ids: list[str]) -> None:
    unknown = [zone for zone in zone_ids if zone not in DATASET.zones]
    try:
        matches = muscles_referring_to(DATASET, zone_ids)
    except UnknownIdError:
        assert unknown
        return
    assert not unknown
    for match in matches:
        assert {zone.id for zone in (*match.essential_zones, *match.spillover_zones)} <= set(zone_ids)


@FEW
@given(region_id=ids, audience=st.sampled_from(AUDIENCES))
def test_region_details_of_any_id_answers_or_refuses(region_id: str, audience: Audience) -> None:
    region = DATASET.regions.get(region_id)
    try:
        details = region_details(DATASET, region_id, audience)
    except UnknownIdError:
        assert region is None or not region.is_complete
        return
    assert region is not None and region.is_complete
    assert details.region == region and details.audience == audience


@FEW
@given(muscle_id=ids)
def test_muscle_pattern_of_any_id_answers_or_refuses(muscle_id: str) -> None:
    try:
        pattern = muscle_pattern(DATASET, muscle_id)
    except UnknownIdError:
        assert muscle_id not in DATASET.muscles
        return
    assert pattern.muscle.id == muscle_id


def mostly(real: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Four parts a real value (in an odd spelling), one part noise: most examples reach the answered paths."""
    return st.one_of(real, real, real, real, any_text)


realistic_query = st.fixed_dictionaries(
    {},
    optional={
        "region": mostly(
            st.sampled_from([*DATASET.regions, *(r.name for r in DATASET.regions.values())]).flatmap(odd_spelling)
        ),
        "audience": mostly(st.sampled_from(AUDIENCES).flatmap(odd_spelling)),
        "mode": mostly(st.sampled_from(MODES).flatmap(odd_spelling)),
        "zones": mostly(st.lists(st.sampled_from(sorted(DATASET.zones)), min_size=1, max_size=6).map(",".join)),
        "muscle": mostly(
            st.sampled_from([*DATASET.muscles, *(m.name for m in DATASET.muscles.values())]).flatmap(odd_spelling)
        ),
        "seed": mostly(st.integers(0, 999_999).map(str)),
    },
)


def test_realistic_links_reach_every_answered_path() -> None:
    """Most generated links open a region, a muscle, zones and a class code, and each one is still valid."""
    reached: Counter[str] = Counter()

    @settings(max_examples=300, deadline=None, database=None)
    @given(query=realistic_query)
    def run(query: dict[str, str]) -> None:
        view = parse_view_request(query, DATASET)
        for path, hit in (
            ("region", view.region_id is not None),
            ("muscle", view.muscle_id is not None),
            ("zones", bool(view.zone_ids)),
            ("seed", view.seed is not None),
            ("mode", view.mode != DEFAULT_MODE),
            ("notice", bool(view.notices)),
        ):
            if hit:
                event(path)
                reached[path] += 1
        if view.zone_ids:  # the answered lookup path, on the parsed zones: ranked best first
            scores = [match.score for match in muscles_referring_to(DATASET, view.zone_ids)]
            assert scores == sorted(scores, reverse=True)
        if view.region_id:
            assert region_details(DATASET, view.region_id, view.audience).red_flags

    run()
    # Each optional key appears in about half the examples and is real four times in five.
    floors = {"region": 60, "muscle": 60, "zones": 60, "seed": 60, "mode": 40, "notice": 20}
    assert all(reached[path] >= floor for path, floor in floors.items()), reached
