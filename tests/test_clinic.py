"""The clinic's own settings: the emergency number, never guessed."""

from __future__ import annotations

import pytest

from bodymap.clinic import EMERGENCY_NUMBER_ENV, NO_NUMBER_WORDS, EmergencyNumber, emergency_number


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("112", EmergencyNumber("112", "tel:112")),
        (" 911 ", EmergencyNumber("911", "tel:911")),
        ("+44 20 7946-0000", EmergencyNumber("+44 20 7946-0000", "tel:+442079460000")),
    ],
)
def test_a_phone_number_is_shown_and_dialled(value: str, expected: EmergencyNumber) -> None:
    assert emergency_number({EMERGENCY_NUMBER_ENV: value}) == expected


@pytest.mark.parametrize(
    "value", ["", "   ", "1", "+", "call 911", "911; rm", "12--3", "1" * 19, "javascript:alert(1)"]
)
def test_anything_else_gives_the_words_and_no_call_button(value: str) -> None:
    assert emergency_number({EMERGENCY_NUMBER_ENV: value}) == EmergencyNumber(NO_NUMBER_WORDS, None)


def test_no_setting_gives_the_words() -> None:
    assert emergency_number({}) == EmergencyNumber("your local emergency number", None)
