"""The county's township assessment (settings `assessment`, JSON; the shipped default for the
county when unset). See fieldapp.core.assessment."""

from __future__ import annotations

from fieldapp.core.assessment import Assessment, default_assessment

KEY = "assessment"


def assessment_of(store) -> Assessment:
    text = store.setting(KEY)
    if text:
        return Assessment.from_json(text, where=f"settings.{KEY}")
    return default_assessment(store.setting("county_code"))


def set_assessment(store, assessment: Assessment | None) -> None:
    """Store the county's configuration; None goes back to the shipped default."""
    store.set_settings({KEY: None if assessment is None else assessment.to_json()})
