"""The words the commands print for codes (statuses, reasons, lists), in the user's language:
the Chinese from core (as PDFs and spreadsheets use them), the English here."""

from __future__ import annotations

from collections.abc import Mapping

from .common import english

COUNT_LABELS_EN = {"households": "households", "covered": "covered",
                   "not_covered": "not covered", "never_visited": "not visited",
                   "nobody_home": "nobody home", "vacant": "vacant", "refused": "refused",
                   "moved": "moved out/merged", "field_found": "found in the field"}
REASON_LABELS_EN = {"no_tv": "no TV set", "signal": "signal problem",
                    "awaiting_install": "awaiting installation", "cannot_afford": "cannot afford",
                    "refuses": "does not want it", "other": "other", "nobody_home": "nobody home",
                    "spot_check_not_confirmed": "spot check disagrees with the record",
                    "not_working": "does not work now",
                    "county_channel_missing": "no county channel",
                    "illegal_charge": "charged illegally"}
GAP_LIST_LABELS_EN = {"not_covered": "not covered", "never_visited": "not visited",
                      "nobody_home": "nobody home", "revisit": "nobody home again: revisit",
                      "not_handed_over": "paid cable not handed "
                      "over", "illegal_charge": "illegal charges",
                      "spot_check_not_confirmed": "spot check disagrees"}
SERVICE_GAP_LABELS_EN = {"no_service_station": "townships without a service station",
                         "no_agency_point": "villages without an agency point"}
WORK_ORDER_KIND_LABELS_EN = {"install": "install", "repair": "repair",
                             "handover": "cable subscriber handover"}
GEO_CHECK_LABELS_EN = {"outside_village": "outside its village", "near_duplicate":
                       "same or too close position", "unlocated": "households not located",
                       "no_boundary": "village has no boundary; not checked"}
FACILITY_KIND_LABELS_EN = {"station": "township service station",
                           "agency": "village agency point",
                           "terminal": "emergency broadcast terminal"}
TERMINAL_STATUS_LABELS_EN = {"working": "working", "broken": "broken", "": "not checked"}
SPOT_OUTCOME_LABELS_EN = {"pending": "pending", "confirmed": "confirmed covered",
                          "not_confirmed": "disagrees with the record",
                          "unreachable": "could not check"}


def label(key: str, zh: Mapping[str, str], en: Mapping[str, str]) -> str:
    """The word for `key`: English with an English locale (the code itself when none is
    known), Chinese otherwise."""
    return en.get(key, key) if english() else zh.get(key, key)
