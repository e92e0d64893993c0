"""UI texts of the matching page (Kooperationsbörse): shortlist, contact proposals, sector search, notes."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "field.note_source": {"de": "Hinweis: Quelle", "en": "Note: source", "zh": "说明：来源"},
    "field.note_date": {"de": "Hinweis: Stand", "en": "Note: as of", "zh": "说明：日期"},
}
