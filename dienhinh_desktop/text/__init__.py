"""Vietnamese text: normalising, folding for search, splitting names, collation, dates.

Pure Python, no Qt. Everything public is re-exported here::

    from dienhinh_desktop.text import fold, normalize_name, split_name, person_sort_key, fmt_date
"""

from __future__ import annotations

from .collation import (
    PERSON_KEY_SEPARATOR,
    SORT_KEY_MAX,
    collective_sort_key,
    name_sort_key,
    person_sort_key,
    vn_key,
)
from .dates import fmt_date, long_date, parse_date, place_date
from .names import COMPOUND_FAMILY_NAMES, household_head, split_name, strip_honorific
from .normalize import (
    fold,
    matches,
    nfc,
    normalize_name,
    normalize_tone_placement,
    search_tokens,
    vn_title,
)

__all__ = [
    "COMPOUND_FAMILY_NAMES",
    "PERSON_KEY_SEPARATOR",
    "SORT_KEY_MAX",
    "collective_sort_key",
    "fmt_date",
    "fold",
    "household_head",
    "long_date",
    "matches",
    "name_sort_key",
    "nfc",
    "normalize_name",
    "normalize_tone_placement",
    "parse_date",
    "person_sort_key",
    "place_date",
    "search_tokens",
    "split_name",
    "strip_honorific",
    "vn_key",
    "vn_title",
]
