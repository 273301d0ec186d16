"""Labels the app and the handout share: layout words for the dataset's enum values, not clinical statements.

Kept outside the UI package so the PDF handout, which must not import Streamlit, says exactly what the app says.
"""

from __future__ import annotations

EVIDENCE_LEVEL_WORDS = {
    "moderate": "moderate certainty",
    "low": "low certainty",
    "very_low": "very low certainty",
    "none": "no trials found",
}
EVIDENCE_DURATION_WORDS = {
    "short_term": "short-term benefit only",
    "up_to_medium_term": "benefit up to the medium term",
    "not_shown": "no clear benefit shown",
}
SESSION_TOPIC_TITLES = {
    "what_happens": "What happens",
    "sensations": "What it feels like",
    "twitch_response": "The twitch",
    "duration": "How long it takes",
    "soreness": "Soreness afterwards",
    "number_of_sessions": "How many sessions",
    "aftercare": "Afterwards",
    "region_note": "For this area",
}
# The person's own sides, as the map labels them (left-right confusion is the commonest error on pain maps).
SIDE_WORDS = {"left": "your left", "right": "your right"}
# How a muscle's referral zones are named: for patients and therapists at the chair, and in clinical wording.
ZONE_KIND_WORDS = {
    "plain": {"essential": "main area", "spillover": "sometimes spreads to"},
    "clinical": {"essential": "essential zone", "spillover": "spillover zone"},
}
VERDICT_WORDS = {
    "supported": "Supported",
    "partly_supported": "Partly supported",
    "not_supported": "Not supported",
    "contradicted": "Contradicted by the evidence",
}
URGENCY_WORDS = {"emergency": "Emergency", "urgent": "See a doctor today", "soon": "See a doctor soon"}
# "When to get help" for patients, most urgent first, on the page and on the handout: what to do heads each tier.
HELP_TIERS = {**URGENCY_WORDS, "emergency": "Call {number} now"}
GENERAL_FLAGS_CAPTION = "Wherever the pain is:"


def flag_title(urgency: str, title: str) -> str:
    """A red flag's title led by what to do, e.g. "See a doctor today: Possible septic arthritis"."""
    return f"{URGENCY_WORDS[urgency]}: {title}"


def evidence_label(evidence_level: str, evidence_duration: str) -> str:
    """The label beside a condition's evidence, derived from the data so "no trials found" never claims a duration."""
    level = EVIDENCE_LEVEL_WORDS[evidence_level]
    if evidence_level == "none":
        return level
    return f"{level}; {EVIDENCE_DURATION_WORDS[evidence_duration]}"


# The same labels for patients: what studies found first, then how sure anyone can be, in everyday words.
PLAIN_EVIDENCE_DURATION_WORDS = {
    "short_term": "a little help for a short time",
    "up_to_medium_term": "some help for up to a few months",
    "not_shown": "no clear help shown",
}
PLAIN_EVIDENCE_LEVEL_WORDS = {"moderate": "fairly sure", "low": "not very sure", "very_low": "very unsure"}
NOT_TESTED_WORDS = "not tested in trials yet"


def plain_evidence_label(evidence_level: str, evidence_duration: str) -> str:
    """A patient's version of :func:`evidence_label`, e.g. "studies: a little help for a short time (very unsure)"."""
    if evidence_level == "none":
        return NOT_TESTED_WORDS
    duration = PLAIN_EVIDENCE_DURATION_WORDS[evidence_duration]
    return f"studies: {duration} ({PLAIN_EVIDENCE_LEVEL_WORDS[evidence_level]})"
