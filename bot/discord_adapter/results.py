"""How the result of each kind of intake is shown once the member made the privacy choice
(anonymise, or edit and submit). Each views module registers its kinds when imported, so the
privacy views need not know the capabilities: question (ask/views.py), item and note (lab/views.py),
trend and perspective (plein/views.py)."""

from __future__ import annotations

from collections.abc import Callable

Renderer = Callable[[object, str], dict]
RESULT_RENDERERS: dict[str, Renderer] = {}


def register(kind: str, renderer: Renderer) -> None:
    RESULT_RENDERERS[kind] = renderer
