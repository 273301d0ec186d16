"""What a clinic sets for its own copy of bodymap: the emergency number to call (``BODYMAP_EMERGENCY_NUMBER``).

Emergency numbers differ by country (112, 911, 999, 000...), so bodymap never guesses one. Without the setting, or with
a value that is not a phone number, it says "your local emergency number" and offers no call button.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass

from bodymap.i18n import N_

EMERGENCY_NUMBER_ENV = "BODYMAP_EMERGENCY_NUMBER"
NO_NUMBER_WORDS = N_("your local emergency number")
# Digits, with an optional leading + and spaces or hyphens between groups: 112, 911, +44 20 7946 0000.
PHONE_NUMBER = re.compile(r"\+?[0-9](?:[ -]?[0-9]){1,17}")


@dataclass(frozen=True)
class EmergencyNumber:
    """The number as printed ("112", or the words when none is set) and the ``tel:`` link to call it, if any."""

    shown: str
    dial: str | None


def emergency_number(environ: Mapping[str, str] = os.environ) -> EmergencyNumber:
    """The clinic's emergency number from the environment, or the words "your local emergency number"."""
    value = environ.get(EMERGENCY_NUMBER_ENV, "").strip()
    if not PHONE_NUMBER.fullmatch(value):
        return EmergencyNumber(NO_NUMBER_WORDS, None)
    return EmergencyNumber(value, "tel:" + value.replace(" ", "").replace("-", ""))
