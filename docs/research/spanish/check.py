"""Check a Spanish translation file: /work/main/.venv/bin/python /work/staging/es/check.py /work/staging/es/FILE.csv

FILE is <table>.csv, or <table>.partN.csv for part of a table. The file has the table's key column first, then one
column <column>_es for each column listed in TRANSLATE, in the same order as the English rows (a part: a subset).
Reports every problem with its row id and column; exits 1 if there is any.
"""

import csv
import re
import sys
from pathlib import Path

import textstat

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from bodymap.data import TABLES, TRANSLATED_COLUMNS

DATA = Path("/work/main/data")
# The translated columns of each table, by its file's stem (needling.csv -> "needling"): bodymap's own list.
TRANSLATE = {TABLES[name].file.removesuffix(".csv"): columns for name, columns in TRANSLATED_COLUMNS.items()}
# Long texts a patient reads: each must score at least 70 on the Fernandez-Huerta scale (the English ones: grade 8).
READ_COLUMNS = {
    "plain_summary",
    "plain_description",
    "plain_text",
    "evidence_plain",
    "text",
    "claim",
    "question",
    "chair_question",
}
MIN_FH = 70
ENGLISH = re.compile(
    r"\b(the|and|you|your|with|this|that|may|pain|muscle|needle|after|before|doctor|of|is|are)\b", re.IGNORECASE
)
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def main(path: Path) -> int:
    table = path.name.split(".")[0]
    columns = TRANSLATE[table]
    with open(DATA / f"{table}.csv", newline="", encoding="utf-8") as handle:
        english = list(csv.DictReader(handle))
    key = next(iter(english[0]))
    by_id = {row[key]: row for row in english}
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        header = reader.fieldnames or []
    problems = []
    expected = [key, *(f"{c}_es" for c in columns)]
    if header != expected:
        problems.append(f"header is {header}, expected {expected}")
    seen = set()
    textstat.set_lang("es")
    for row in rows:
        row_id = row.get(key, "")
        if row_id not in by_id:
            problems.append(f"{row_id}: not a row of {table}.csv")
            continue
        if row_id in seen:
            problems.append(f"{row_id}: twice")
        seen.add(row_id)
        for column in columns:
            text = (row.get(f"{column}_es") or "").strip()
            source = by_id[row_id][column].strip()
            where = f"{row_id}:{column}_es"
            if not source:
                if text:
                    problems.append(f"{where}: the English is empty, so this must be too")
                continue
            if not text:
                problems.append(f"{where}: empty")
                continue
            if text == source and len(source.split()) > 1:
                problems.append(f"{where}: same as the English")
            leftovers = sorted({word.lower() for word in ENGLISH.findall(text)} - {"a", "de"})
            if leftovers:
                problems.append(f"{where}: English words? {leftovers}")
            digits = re.sub(r"[.,\s]", "", text)
            missing = [n for n in NUMBER.findall(source) if re.sub(r"[.,]", "", n) not in digits]
            if missing:
                problems.append(f"{where}: numbers of the English missing: {missing}")
            if column in READ_COLUMNS:
                score = textstat.fernandez_huerta(text)
                if score < MIN_FH:
                    problems.append(f"{where}: Fernandez-Huerta {score:.0f} < {MIN_FH}: {text}")
    order = [row.get(key) for row in rows if row.get(key) in by_id]
    if order != [i for i in by_id if i in seen]:
        problems.append("rows are not in the English file's order")
    part = ".part" in path.name
    if not part and seen != set(by_id):
        problems.append(f"missing rows: {sorted(set(by_id) - seen)}")
    for problem in problems:
        print(problem)
    print(f"{path.name}: {len(seen)} rows of {len(by_id)}, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
