"""Plain-text (Markdown) rendering of replies, shared by the console, the demo and text fallbacks.
The Discord adapter builds embeds from the same data and the same texts (`bot.core.i18n`)."""

from __future__ import annotations

from bot.core.i18n import t
from bot.core.models import Answer, EntryRef


def entry_ref_text(ref: EntryRef, lang: str) -> str:
    lines = [f"**{ref.title}** (`{ref.entry_id}`)", ref.excerpt]
    if ref.lab_date:
        lines.insert(1, t("ask.from_lab", lang, date=ref.lab_date))
    if ref.sources:
        lines.append(t("ask.source", lang, entry_id=ref.entry_id) + " · " + ", ".join(ref.sources[:2]))
    if ref.matched_on:
        lines.append(t("ask.matched_on", lang, terms=", ".join(ref.matched_on[:6])))
    return "\n".join(lines)


def answer_text(answer: Answer, lang: str = "nl") -> str:
    if answer.answered and answer.best is not None:
        parts = [t("ask.answer_intro", lang), "", entry_ref_text(answer.best, lang)]
        if answer.also:
            parts += ["", t("ask.also", lang) + ": " + "; ".join(f"{r.title} (`{r.entry_id}`)" for r in answer.also)]
        return "\n".join(parts)
    parts = [t("ask.no_answer", lang, question_id=answer.question_id)]
    if answer.also:
        parts += ["", t("ask.closest", lang) + ": " + "; ".join(f"{r.title} (`{r.entry_id}`)" for r in answer.also)]
    return "\n".join(parts)
