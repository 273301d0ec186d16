"""Labels the app and the handout share: layout words for the dataset's enum values, not clinical statements.

Each is marked with ``N_`` for the translators' catalog and translated where it is shown, with ``_``.

Kept outside the UI package so the PDF handout, which must not import Streamlit, says exactly what the app says.
"""

from __future__ import annotations

from collections.abc import Iterable

from bodymap.i18n import N_, _

EVIDENCE_LEVEL_WORDS = {
    "moderate": N_("moderate certainty"),
    "low": N_("low certainty"),
    "very_low": N_("very low certainty"),
    "none": N_("no trials found"),
}
EVIDENCE_DURATION_WORDS = {
    "short_term": N_("short-term benefit only"),
    "up_to_medium_term": N_("benefit up to the medium term"),
    "not_shown": N_("no clear benefit shown"),
}
SESSION_TOPIC_TITLES = {
    "what_happens": N_("What happens"),
    "sensations": N_("What it feels like"),
    "twitch_response": N_("The twitch"),
    "duration": N_("How long it takes"),
    "soreness": N_("Soreness afterwards"),
    "number_of_sessions": N_("How many sessions"),
    "aftercare": N_("Afterwards"),
    "region_note": N_("For this area"),
}
VIEW_WORDS = {"front": N_("Front"), "back": N_("Back")}
# The person's own sides, as the map labels them (left-right confusion is the commonest error on pain maps).
SIDE_WORDS = {"left": N_("your left"), "right": N_("your right")}
# How a muscle's referral zones are named: for patients and therapists at the chair, and in clinical wording.
ZONE_KIND_WORDS = {
    "plain": {"essential": N_("main area"), "spillover": N_("sometimes spreads to")},
    "clinical": {"essential": N_("essential zone"), "spillover": N_("spillover zone")},
}
VERDICT_WORDS = {
    "supported": N_("Supported"),
    "partly_supported": N_("Partly supported"),
    "not_supported": N_("Not supported"),
    "contradicted": N_("Contradicted by the evidence"),
}
URGENCY_WORDS = {"emergency": N_("Emergency"), "urgent": N_("See a doctor today"), "soon": N_("See a doctor soon")}
# "When to get help" for patients, most urgent first, on the page and on the handout: what to do heads each tier.
HELP_TIERS = {**URGENCY_WORDS, "emergency": N_("Call {number} now")}
GENERAL_FLAGS_CAPTION = N_("Wherever the pain is:")
# What kind of source each is, beside it in the list of sources.
STUDY_TYPE_WORDS = {
    "educational_resource": N_("educational resource"),
    "observational": N_("observational study"),
    "health_information": N_("health information"),
    "textbook": N_("textbook"),
    "guideline": N_("guideline"),
    "commentary": N_("commentary"),
    "systematic_review": N_("systematic review"),
    "rct": N_("randomised trial"),
    "case_report": N_("case report"),
    "case_series": N_("case series"),
    "survey": N_("survey"),
    "reliability_study": N_("reliability study"),
    "trial_registration": N_("trial registration"),
    "umbrella_review": N_("umbrella review"),
    "animal_study": N_("animal study"),
}


def flag_title(urgency: str, title: str) -> str:
    """A red flag's title led by what to do, e.g. "See a doctor today: Possible septic arthritis"."""
    return _("{urgency}: {title}").format(urgency=_(URGENCY_WORDS[urgency]), title=title)


def evidence_label(evidence_level: str, evidence_duration: str) -> str:
    """The label beside a condition's evidence, derived from the data so "no trials found" never claims a duration."""
    level = _(EVIDENCE_LEVEL_WORDS[evidence_level])
    if evidence_level == "none":
        return level
    return f"{level}; {_(EVIDENCE_DURATION_WORDS[evidence_duration])}"


# The same labels for patients: what studies found first, then how sure anyone can be, in everyday words.
PLAIN_EVIDENCE_DURATION_WORDS = {
    "short_term": N_("a little help for a short time"),
    "up_to_medium_term": N_("some help for up to a few months"),
    "not_shown": N_("no clear help shown"),
}
PLAIN_EVIDENCE_LEVEL_WORDS = {"moderate": N_("fairly sure"), "low": N_("not very sure"), "very_low": N_("very unsure")}
NOT_TESTED_WORDS = N_("not tested in trials yet")


def plain_evidence_label(evidence_level: str, evidence_duration: str) -> str:
    """A patient's version of :func:`evidence_label`, e.g. "studies: a little help for a short time (very unsure)"."""
    if evidence_level == "none":
        return _(NOT_TESTED_WORDS)
    duration = _(PLAIN_EVIDENCE_DURATION_WORDS[evidence_duration])
    return _("studies: {duration} ({certainty})").format(
        duration=duration, certainty=_(PLAIN_EVIDENCE_LEVEL_WORDS[evidence_level])
    )


def number_ranges(numbers: Iterable[int], range_words: str = "{first} to {last}") -> str:
    """Numbers in order, runs of three or more shortened to a range: ``[1, 2, 3, 5, 8, 9]`` -> "1 to 3, 5, 8, 9".

    ``range_words`` says a range in the reader's language ("{first} a {last}").
    """
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    parts = []
    for run in runs:
        parts += [range_words.format(first=run[0], last=run[-1])] if len(run) >= 3 else [str(number) for number in run]
    return ", ".join(parts)
