"""A city's own slide template (.pptx or .potx) for the deck: checked, opened without its slides, and
read for the layouts and theme colours the renderer uses.

A .potx is a .pptx whose main part has another content type; ``load_template`` rewrites that content
type in memory. Problems raise ``TemplateError`` with a token (``too_large``, ``not_pptx``, ``corrupt``,
``no_layout``, ``unreadable``; ``unusable`` when drawing on it fails) that the page words through the
catalogue (``briefing.template_error.<token>``).
"""

from __future__ import annotations

import io
import logging
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

MAX_TEMPLATE_MB = 20
MAX_UNPACKED_MB = 200  # a template that unpacks to more is refused (zip bomb)
TEMPLATE_ENV = "ALLIANCE_DECK_TEMPLATE"  # a configured template: path of a .pptx/.potx
PRESENTATION = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
TEMPLATE_TYPES = ("application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
                  "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
                  "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml")
THEME_COLOURS = ("accent1", "accent2", "accent3", "accent4", "accent5", "accent6")


class TemplateError(ValueError):
    """A template that cannot be used; ``token`` names why (catalogue: briefing.template_error.<token>)."""

    def __init__(self, token: str, detail: str = "") -> None:
        super().__init__(f"{token}: {detail}" if detail else token)
        self.token = token


@dataclass(frozen=True)
class Template:
    """A checked template: the .pptx bytes (content type rewritten for a .potx), its first master's name
    and the theme's accent colours as #rrggbb."""

    data: bytes
    master: str
    palette: tuple[str, ...]
    name: str = ""


def load_template(data: bytes, name: str = "") -> Template:
    """``data`` checked and made a presentation (TemplateError when it cannot be used)."""
    if len(data) > MAX_TEMPLATE_MB * 1024 * 1024:
        raise TemplateError("too_large", f"{len(data)} bytes")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise TemplateError("not_pptx", "not a zip archive")
    try:
        data = _as_presentation(data)
        from pptx import Presentation

        deck = Presentation(io.BytesIO(data))
    except TemplateError:
        raise
    except Exception as exc:  # python-pptx and zipfile raise many kinds for a damaged package
        log.info("template %r could not be opened: %s", name, exc)
        raise TemplateError("corrupt", str(exc)) from exc
    if not any(title_layout(master) is not None for master in deck.slide_masters):
        raise TemplateError("no_layout")
    master = deck.slide_masters[0]
    return Template(data, master.name or "", theme_palette(master), name)


def configured_template() -> Template | None:
    """The template named by $ALLIANCE_DECK_TEMPLATE, or None when none is configured; TemplateError
    (``unreadable`` for a file that cannot be read) when it cannot be used, so that the page says so."""
    path = os.environ.get(TEMPLATE_ENV)
    if not path:
        return None
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        log.warning("configured deck template %s cannot be read: %s", path, exc)
        raise TemplateError("unreadable", str(exc)) from exc
    try:
        return load_template(data, Path(path).name)
    except TemplateError as exc:
        log.warning("configured deck template %s not used: %s", path, exc)
        raise


def _as_presentation(data: bytes) -> bytes:
    """The package with its main part typed as a presentation (a .potx, .potm or .pptm becomes a .pptx)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        names = source.namelist()
        if "[Content_Types].xml" not in names or "ppt/presentation.xml" not in names:
            raise TemplateError("not_pptx", "no presentation part")
        if sum(info.file_size for info in source.infolist()) > MAX_UNPACKED_MB * 1024 * 1024:
            raise TemplateError("too_large", "unpacks too large")
        types = source.read("[Content_Types].xml").decode("utf-8")
        if not any(t in types for t in TEMPLATE_TYPES):
            return data
        for kind in TEMPLATE_TYPES:
            types = types.replace(kind, PRESENTATION)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                target.writestr(info, types if info.filename == "[Content_Types].xml" else source.read(info))
    return out.getvalue()


def title_layout(master):
    """The master's layout for content slides: a title and as few other placeholders as possible
    ("Title Only" in PowerPoint's own templates); None when no layout has a title."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    best, fewest = None, None
    for layout in master.slide_layouts:
        kinds = [p.placeholder_format.type for p in layout.placeholders]
        if PP_PLACEHOLDER.TITLE not in kinds:
            continue
        others = sum(k not in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER,
                               PP_PLACEHOLDER.SLIDE_NUMBER) for k in kinds)
        if fewest is None or others < fewest:
            best, fewest = layout, others
    return best


def cover_layout(master):
    """The master's title-slide layout (a centred title), else its content layout."""
    from pptx.enum.shapes import PP_PLACEHOLDER

    for layout in master.slide_layouts:
        if any(p.placeholder_format.type == PP_PLACEHOLDER.CENTER_TITLE for p in layout.placeholders):
            return layout
    return title_layout(master)


def theme_palette(master) -> tuple[str, ...]:
    """The accent colours of the master's theme (#rrggbb; a system colour by its last value)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        theme = master.part.part_related_by(RT.THEME).blob.decode("utf-8")
    except (KeyError, AttributeError) as exc:
        log.info("template master without a theme: %s", exc)
        return ()
    colours = []
    for name in THEME_COLOURS:
        found = re.search(rf"<a:{name}>\s*<a:(?:srgbClr val|sysClr [^>]*lastClr)=\"([0-9A-Fa-f]{{6}})\"", theme)
        if found:
            colours.append(f"#{found.group(1).lower()}")
    return tuple(colours)


def without_slides(deck) -> None:
    """Remove the slides a template brings (their parts stay unreferenced and are dropped on save)."""
    ids = deck.slides._sldIdLst
    for slide_id in list(ids):
        deck.part.drop_rel(slide_id.rId)
        ids.remove(slide_id)
