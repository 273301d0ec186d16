"""Command line for people who maintain the dataset and for scripts: ``python -m bodymap --help``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from bodymap.data import DATA_DIR_ENV, ENGLISH, Dataset, DatasetError, default_data_dir, load_dataset
from bodymap.handout import HandoutError, build_handout, build_where_handout
from bodymap.i18n import offered_languages, speaking
from bodymap.lookup import (
    UnknownIdError,
    muscle_pattern,
    muscle_summary,
    muscles_referring_to,
    red_flags_for_zones,
    region_summary,
    selectable_regions,
)
from bodymap.sides import parse_choice
from bodymap.wording import flag_title

EXIT_OK = 0
EXIT_INVALID_DATA = 1
EXIT_BAD_ARGUMENTS = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    data_dir = Path(getattr(args, "path", None) or args.data_dir or default_data_dir())
    try:
        dataset = load_dataset(data_dir)
    except DatasetError as error:
        print(error, file=sys.stderr)
        return EXIT_INVALID_DATA
    offered = offered_languages(dataset)
    if args.lang not in offered:  # the dataset's texts and the interface's words must both be complete
        print(f"bodymap: --lang: {args.lang!r} is not offered (offered: {', '.join(offered)})", file=sys.stderr)
        return EXIT_BAD_ARGUMENTS
    dataset = dataset.in_language(args.lang)
    try:
        with speaking(args.lang):
            return args.handler(dataset, args)
    except UnknownIdError as error:
        print(f"bodymap: {error}. List the ids with: python -m bodymap zones", file=sys.stderr)
        return EXIT_BAD_ARGUMENTS


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bodymap",
        description="Check and query the bodymap dataset.",
        epilog=f"The dataset folder is --data-dir, else ${DATA_DIR_ENV}, else the data/ folder shipped with bodymap.",
    )
    parser.add_argument("--data-dir", type=Path, help="folder holding the dataset's CSV tables")
    parser.add_argument(
        "--lang", default=ENGLISH, metavar="CODE", help="the language of names and texts, e.g. es (data/languages.csv)"
    )
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check every table; exit 1 and list every problem if any")
    validate.add_argument("path", nargs="?", type=Path, metavar="DATA_DIR", help="dataset folder to check")
    validate.set_defaults(handler=_validate)

    summary = commands.add_parser("summary", help="each selectable region's conditions, muscles, hazards, red flags")
    summary.add_argument("--json", action="store_true", help="print JSON")
    summary.set_defaults(handler=_summary)

    zones = commands.add_parser("zones", help="every zone of the body map with its view and region")
    zones.add_argument("--json", action="store_true", help="print JSON")
    zones.set_defaults(handler=_zones)

    where = commands.add_parser("where-it-hurts", help="rank the muscles that may refer pain to these zones")
    where.add_argument("zone_ids", nargs="+", metavar="ZONE_ID")
    where.add_argument("--json", action="store_true", help="print JSON")
    where.set_defaults(handler=_where_it_hurts)

    muscle = commands.add_parser("muscle", help="a muscle: trigger points, zones, conditions and its needling card")
    muscle.add_argument("muscle_id", metavar="MUSCLE_ID")
    muscle.add_argument("--json", action="store_true", help="print JSON")
    muscle.set_defaults(handler=_muscle)

    handout = commands.add_parser("handout", help="write a patient handout (PDF) for a region or a muscle's pattern")
    handout.add_argument("region_id", nargs="?", metavar="REGION_ID", help="the region (optional with --muscle)")
    handout.add_argument("--muscle", metavar="MUSCLE_ID", help="print this muscle's referral pattern")
    handout.add_argument(
        "--zones",
        metavar="AREAS",
        help="print the answer to 'where does it hurt?' for these areas, e.g. temple:right,lateral_epicondyle:left",
    )
    handout.add_argument("-o", "--output", type=Path, required=True, metavar="FILE.pdf", help="where to write it")
    handout.set_defaults(handler=_handout)
    return parser


def _validate(dataset: Dataset, args: argparse.Namespace) -> int:
    complete = len(selectable_regions(dataset))
    print(
        f"{dataset.data_dir}: valid. {complete} complete regions of {len(dataset.regions)}, "
        f"{len(dataset.zones)} zones, {len(dataset.muscles)} muscles, {len(dataset.referrals)} referrals, "
        f"{len(dataset.conditions)} conditions, {len(dataset.sources)} sources."
    )
    return EXIT_OK


def _summary(dataset: Dataset, args: argparse.Namespace) -> int:
    summaries = [region_summary(dataset, region) for region in selectable_regions(dataset)]
    if args.json:
        print(json.dumps(summaries, indent=2, ensure_ascii=False))
        return EXIT_OK
    for item in summaries:
        print(f"{item['name']} ({item['id']})")
        for key in ("conditions", "muscles", "hazards", "red_flags"):
            names = item[key]
            assert isinstance(names, list)
            print(f"  {key.replace('_', ' ')}: {'; '.join(names)}")
    return EXIT_OK


def _zones(dataset: Dataset, args: argparse.Namespace) -> int:
    rows = [
        {"id": zone.id, "name": zone.name, "view": zone.view, "region": zone.region_id}
        for zone in dataset.zones.values()
    ]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    for row in rows:
        print(f"{row['id']:<26} {row['view']:<6} {row['region']:<14} {row['name']}")
    return EXIT_OK


def _where_it_hurts(dataset: Dataset, args: argparse.Namespace) -> int:
    """The warning signs for the zones' regions first, then the ranked muscles, as the app shows them."""
    matches = muscles_referring_to(dataset, args.zone_ids)
    flags = red_flags_for_zones(dataset, args.zone_ids, "educator")
    if args.json:
        warnings = [{"urgency": flag.kind, "name": flag.title, "general": flag.general} for flag in flags]
        muscles = [
            {
                "muscle_id": match.muscle.id,
                "muscle": match.muscle.name,
                "score": match.score,
                "reason": match.reason,
                "pain_guide": [{"zone_id": place.zone.id, "rank": place.rank} for place in match.guide_places],
                "matches": [
                    {"zone_id": zone.id, "zone": zone.name, "kind": kind}
                    for kind, zones in (("essential", match.essential_zones), ("spillover", match.spillover_zones))
                    for zone in zones
                ],
            }
            for match in matches
        ]
        print(json.dumps({"red_flags": warnings, "muscles": muscles}, indent=2, ensure_ascii=False))
        return EXIT_OK
    if flags:
        print("Warning signs: see a doctor instead of having needling if one fits:")
    for flag in flags:
        print(f"  - {flag_title(flag.kind, flag.title)}")
    if flags:
        print()
    if not matches:
        print("No muscle in the dataset refers pain to these zones.")
    for rank, match in enumerate(matches, start=1):
        print(f"{rank:>2}. {match.muscle.name} (score {match.score}): {match.reason}")
    return EXIT_OK


def _muscle(dataset: Dataset, args: argparse.Namespace) -> int:
    try:
        summary = muscle_summary(dataset, args.muscle_id)
    except UnknownIdError as error:
        print(f"bodymap: {error}. Muscle ids: {', '.join(dataset.muscles)}.", file=sys.stderr)
        return EXIT_BAD_ARGUMENTS
    if args.json:
        print(json.dumps(summary, indent=2, ensure_ascii=False))
        return EXIT_OK
    pattern, card = muscle_pattern(dataset, args.muscle_id), dataset.needling_cards[args.muscle_id]
    print(f"{pattern.muscle.name} ({pattern.muscle.plain_name}), region {pattern.muscle.region_id}")
    print(f"  essential zones: {', '.join(zone.id for zone in pattern.essential_zones)}")
    print(f"  spillover zones: {', '.join(zone.id for zone in pattern.spillover_zones) or '-'}")
    print(f"Needling card ({dataset.notices['needling_cards'].title}):")
    for field in ("position", "landmarks", "approach", "depth"):
        print(f"  {field}: {getattr(card, field)}")
    for field in ("structures_at_risk", "precautions"):
        print(f"  {field.replace('_', ' ')}: {'; '.join(getattr(card, field))}")
    return EXIT_OK


def _handout(dataset: Dataset, args: argparse.Namespace) -> int:
    if args.zones is not None and (args.region_id or args.muscle):
        print("bodymap: give the areas (--zones), or a region or a muscle, not both.", file=sys.stderr)
        return EXIT_BAD_ARGUMENTS
    try:
        if args.zones is not None:
            areas = [parse_choice(area.strip()) for area in args.zones.split(",") if area.strip()]
            if None in areas:
                raise UnknownIdError(f"a side must be left or right: {args.zones!r}")
            pdf = build_where_handout(dataset, [area for area in areas if area])
        else:
            pdf = build_handout(dataset, region_id=args.region_id, muscle_id=args.muscle)
    except UnknownIdError as error:
        regions = ", ".join(region.id for region in selectable_regions(dataset))
        print(f"bodymap: {error}. Region ids: {regions}. Muscle ids: {', '.join(dataset.muscles)}.", file=sys.stderr)
        return EXIT_BAD_ARGUMENTS
    except HandoutError as error:
        print(f"bodymap: {error}", file=sys.stderr)
        return EXIT_INVALID_DATA
    args.output.write_bytes(pdf)
    print(f"{args.output}: {len(pdf):,} bytes")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
