"""Reading a panel of bodymap.panel as its reader does: the blocks in order, the text of each, the sections folded."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from bodymap.panel import Block, Run

Sources = Mapping[str, object]


def walk(blocks: Sequence[Block]) -> Iterator[Block]:
    """Every block in reading order, those inside folds, boxes, cards and the chair's steps included."""
    for block in blocks:
        yield block
        yield from walk(block.get("blocks", ()))  # type: ignore[arg-type]
        for step in block.get("steps", ()):  # type: ignore[attr-defined]
            yield from walk(step["blocks"])


def joined(runs: Sequence[Run]) -> str:
    return "".join(piece["text"] for piece in runs)


def texts(blocks: Sequence[Block], sources: Sources | None = None) -> list[str]:
    """Every text a reader meets, one string per heading, paragraph, list item, label and button, in order."""
    found: list[str] = []
    for block in walk(blocks):
        kind = block["kind"]
        if kind == "heading":
            found.append(str(block["text"]))
        elif kind == "paragraph":
            found.append(joined(block["runs"]))  # type: ignore[arg-type]
        elif kind == "list":
            found += [joined(item) for item in block["items"]]  # type: ignore[attr-defined]
        elif kind == "fold":
            found.append(str(block["title"]))
        elif kind == "actions":
            found += [str(block["label"]), *(choice["label"] for choice in block["buttons"])]  # type: ignore[attr-defined]
        elif kind == "call":
            found.append(str(block["label"]))
        elif kind == "links":
            found += [link["text"] for link in block["links"]]  # type: ignore[attr-defined]
        elif kind == "sources":
            found += [joined(sources[source_id]) for source_id in block["ids"]] if sources else []  # type: ignore[arg-type,attr-defined]
        elif kind == "chair":
            found.append(str(block["label"]))
            for step in block["steps"]:  # type: ignore[attr-defined]
                found.append(step["label"])
                for question in step["questions"]:
                    found += [question["text"], joined(question["meaning"])]
    return [text for text in found if text]


def all_text(blocks: Sequence[Block], sources: Sources | None = None) -> str:
    return "\n".join(texts(blocks, sources))


def headings(blocks: Sequence[Block]) -> list[tuple[int, str, str | None]]:
    """Every heading, folded or not: level, text and anchor."""
    return [(int(b["level"]), str(b["text"]), b["anchor"]) for b in walk(blocks) if b["kind"] == "heading"]  # type: ignore[call-overload,misc]


def folds(blocks: Sequence[Block]) -> dict[str, Block]:
    return {str(block["key"]): block for block in walk(blocks) if block["kind"] == "fold"}


def shown(blocks: Sequence[Block]) -> list[Block]:
    """The panel as it is before anything is tapped: closed folds emptied, and the chair's later steps only named."""
    pruned = []
    for block in blocks:
        copy = dict(block)
        if block["kind"] == "fold" and not block["open"]:
            copy["blocks"] = []
        elif "blocks" in block:
            copy["blocks"] = shown(block["blocks"])  # type: ignore[arg-type]
        if block["kind"] == "chair":
            first, *later = block["steps"]  # type: ignore[misc]
            copy["steps"] = [
                {**first, "blocks": shown(first["blocks"])},
                *({**step, "blocks": [], "questions": []} for step in later),
            ]
        pruned.append(copy)
    return pruned


def chair_steps(blocks: Sequence[Block]) -> dict[str, dict[str, object]]:
    """The chair script's steps by key (English), from a therapist's panel."""
    (chair,) = [block for block in blocks if block["kind"] == "chair"]
    return {step["key"]: step for step in chair["steps"]}  # type: ignore[attr-defined]
