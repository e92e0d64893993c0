"""UI texts by topic, merged into ``alliance.i18n.CATALOGUE``.

Each module here defines ``TEXTS: dict[str, dict[str, str]]`` (key -> {"de", "en", "zh"}). A topic's texts
live beside each other, and a key may be defined only once across the catalogue and these modules.
"""

from __future__ import annotations

import importlib
import pkgutil

TOPICS = tuple(sorted(info.name for info in pkgutil.iter_modules(__path__)))


def topic_texts() -> dict[str, dict[str, str]]:
    """All topic modules' texts; raises ``ValueError`` when two modules define the same key."""
    merged: dict[str, dict[str, str]] = {}
    for name in TOPICS:
        texts = importlib.import_module(f"{__name__}.{name}").TEXTS
        twice = merged.keys() & texts.keys()
        if twice:
            raise ValueError(f"UI text keys defined twice ({name}): {sorted(twice)}")
        merged.update(texts)
    return merged
