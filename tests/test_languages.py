"""Other languages: complete or absent. Every Spanish text there, plain, as urgent as the English, and swapped in whole.

The loader's own refusals (a missing Spanish text or column) are broken one by one in tests/test_fail_closed.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bodymap.data import (
    ENGLISH,
    PACKAGED_DATA_DIR,
    TABLES,
    TRANSLATED_COLUMNS,
    Dataset,
    DatasetError,
    load_dataset,
)
from tests.conftest import dev_package, read_table, write_table
from tests.test_data import MARKETING_CLAIMS_ES, PLAIN_COLUMNS, _claims

SPANISH = "es"
MIN_FERNANDEZ_HUERTA = 70  # "fairly easy" and easier: the Spanish counterpart of the English grade 8
# Words that would only be in a Spanish cell if English had been left in it.
ENGLISH_WORDS = re.compile(
    r"\b(the|and|you|your|with|this|that|may|pain|muscle|needle|after|before|doctor|of|is|are|call|see)\b",
    re.IGNORECASE,
)
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
# How urgent a text says it is, in each language: the same count of each in a row's English and Spanish.
URGENCY = {
    "call emergency services now": (r"call emergency services now", r"llame ahora a emergencias"),
    "call emergency services": (r"call emergency services(?! now)", r"llame a emergencias(?! ahora)"),
    "emergency department now": (r"emergency department now", r"vaya ahora a urgencias"),
    "see a doctor today": (r"see a doctor today", r"médico hoy"),
    "see a doctor soon": (r"see a doctor soon", r"pronto a un médico"),
}


def _spanish_cells() -> list[tuple[str, str, str, str]]:
    """Every translated cell of the shipped data: (where, English column, English text, Spanish text)."""
    cells = []
    for name, columns in TRANSLATED_COLUMNS.items():
        file = TABLES[name].file
        frame = read_table(PACKAGED_DATA_DIR, file)
        for index, row in frame.iterrows():
            for column in columns:
                if row[column]:
                    cells.append((f"{file}:{int(index) + 2}:{column}_es", column, row[column], row[f"{column}_es"]))
    return cells


CELLS = _spanish_cells()


def test_spanish_is_offered_and_has_every_text_its_english_row_has(dataset: Dataset) -> None:
    assert dataset.languages[SPANISH].status == "complete"
    assert {where.split(":")[0] for where, *_ in CELLS} == {TABLES[name].file for name in TRANSLATED_COLUMNS}
    assert [where for where, _, _, spanish in CELLS if not spanish.strip()] == []


@pytest.mark.parametrize(("where", "column", "english", "spanish"), CELLS, ids=[cell[0] for cell in CELLS])
def test_each_spanish_text_keeps_the_english_numbers_and_leaves_no_english(
    where: str, column: str, english: str, spanish: str
) -> None:
    assert not ENGLISH_WORDS.findall(spanish), f"{where}: English left in: {spanish}"
    digits = re.sub(r"[.,\s]", "", spanish)
    assert [n for n in NUMBER.findall(english) if re.sub(r"[.,]", "", n) not in digits] == [], f"{where}: {spanish}"


READ_CELLS = [cell for cell in CELLS if cell[1] in PLAIN_COLUMNS]


@pytest.mark.parametrize(("where", "column", "english", "spanish"), READ_CELLS, ids=[c[0] for c in READ_CELLS])
def test_spanish_patient_text_scores_70_or_more_on_the_fernandez_huerta_scale(
    where: str, column: str, english: str, spanish: str
) -> None:
    textstat = dev_package("textstat")
    textstat.set_lang("es")
    try:
        score = textstat.fernandez_huerta(spanish)
    finally:
        textstat.set_lang("en_US")  # the English grade tests share the package
    assert score >= MIN_FERNANDEZ_HUERTA, f"{where} scores {score:.0f}: {spanish}"


@pytest.mark.parametrize(("where", "column", "english", "spanish"), CELLS, ids=[cell[0] for cell in CELLS])
def test_a_spanish_text_is_exactly_as_urgent_as_its_english(
    where: str, column: str, english: str, spanish: str
) -> None:
    for name, (in_english, in_spanish) in URGENCY.items():
        wanted = len(re.findall(in_english, english, re.IGNORECASE))
        found = len(re.findall(in_spanish, spanish, re.IGNORECASE))
        assert found == wanted, f"{where}: '{name}' {wanted} times in English, {found} in Spanish: {spanish}"


def test_no_marketing_claim_is_repeated_in_spanish() -> None:
    found = [
        f"{where}: {claim!r}"
        for where, column, _, spanish in CELLS
        if not where.startswith("claims.csv") or column != "claim"  # a claim checked is reported beside its verdict
        for claim in _claims(spanish, MARKETING_CLAIMS_ES)
    ]
    assert found == []


def test_the_spanish_dataset_swaps_every_translated_text_and_keeps_the_clinical_english(dataset: Dataset) -> None:
    spanish = dataset.in_language(SPANISH)
    assert spanish.language == SPANISH and dataset.language == ENGLISH
    frame = read_table(PACKAGED_DATA_DIR, "red_flags.csv").set_index("id")
    for flag in spanish.red_flags:
        assert flag.plain_text == frame.loc[flag.id, "plain_text_es"]
        assert flag.clinical_text == frame.loc[flag.id, "clinical_text"]  # educators read the clinical English
    muscles = read_table(PACKAGED_DATA_DIR, "muscles.csv").set_index("id")
    plain_names = list(muscles.loc[list(spanish.muscles), "plain_name_es"])
    assert [muscle.plain_name for muscle in spanish.muscles.values()] == plain_names
    regions = read_table(PACKAGED_DATA_DIR, "regions.csv").set_index("id")
    assert spanish.regions["neck"].plain_summary == regions.loc["neck", "plain_summary_es"]
    assert spanish.trigger_points[0].label != dataset.trigger_points[0].label
    assert spanish.referrals is dataset.referrals and spanish.sources is dataset.sources  # nothing to translate there


def test_every_translated_column_changes_somewhere_and_every_record_keeps_its_place(dataset: Dataset) -> None:
    spanish = dataset.in_language(SPANISH)
    for name, columns in TRANSLATED_COLUMNS.items():
        english_table, spanish_table = getattr(dataset, name), getattr(spanish, name)
        english_rows = list(english_table.values() if isinstance(english_table, dict) else english_table)
        spanish_rows = list(spanish_table.values() if isinstance(spanish_table, dict) else spanish_table)
        assert len(spanish_rows) == len(english_rows), name
        for column in columns:
            pairs = zip(english_rows, spanish_rows, strict=True)
            assert any(getattr(e, column) != getattr(s, column) for e, s in pairs), f"{name}.{column}: none swapped in"


def test_languages_are_made_once_and_every_way_back_leads_to_the_english(dataset: Dataset) -> None:
    spanish = dataset.in_language(SPANISH)
    assert dataset.in_language(SPANISH) is spanish
    assert spanish.in_language(SPANISH) is spanish
    assert spanish.in_language(ENGLISH) is dataset
    assert dataset.in_language(ENGLISH) is dataset


def test_a_dataset_made_in_another_language_says_which_and_leads_back_to_its_english() -> None:
    """Built in the test's own body (not the session's cached copy), so mutation testing links the making to it."""
    english = load_dataset(PACKAGED_DATA_DIR)
    spanish = english.in_language(SPANISH)
    assert (english.language, spanish.language) == (ENGLISH, SPANISH)
    assert spanish.in_language(ENGLISH) is english and english.in_language(SPANISH) is spanish
    assert spanish.regions["neck"].plain_summary != english.regions["neck"].plain_summary


@pytest.mark.parametrize("code", ["fr", "", "ES"])
def test_a_language_the_dataset_does_not_have_is_refused(dataset: Dataset, code: str) -> None:
    with pytest.raises(ValueError, match="not a complete language"):
        dataset.in_language(code)


def test_a_planned_language_is_read_but_never_offered(data_copy: Path) -> None:
    languages = read_table(data_copy, "languages.csv")
    languages.loc[languages["code"] == SPANISH, "status"] = "planned"
    write_table(data_copy, "languages.csv", languages)
    flags = read_table(data_copy, "red_flags.csv")
    flags.loc[0, "plain_text_es"] = ""  # a gap is allowed while a language is being written
    write_table(data_copy, "red_flags.csv", flags)
    dataset = load_dataset(data_copy)
    assert dataset.languages[SPANISH].status == "planned"
    with pytest.raises(ValueError, match="not a complete language"):
        dataset.in_language(SPANISH)


def test_a_bad_row_in_languages_csv_is_reported_once(data_copy: Path) -> None:
    """The language table is read first (the other tables' translated columns depend on it), and only then."""
    languages = read_table(data_copy, "languages.csv")
    languages.loc[languages["code"] == SPANISH, "status"] = "finished"
    write_table(data_copy, "languages.csv", languages)
    with pytest.raises(DatasetError) as caught:
        load_dataset(data_copy)
    in_languages = [p for p in caught.value.problems if p.file == "languages.csv"]
    assert [(p.row, p.column) for p in in_languages] == [(3, "status")], [str(p) for p in caught.value.problems]
    assert "'finished' is not allowed here" in in_languages[0].message


def test_a_dataset_without_english_is_refused(data_copy: Path) -> None:
    languages = read_table(data_copy, "languages.csv")
    write_table(data_copy, "languages.csv", languages[languages["code"] != ENGLISH])
    with pytest.raises(DatasetError) as caught:
        load_dataset(data_copy)
    assert [str(problem) for problem in caught.value.problems] == [
        "languages.csv, column code: English (en) must be listed, as complete"
    ]
