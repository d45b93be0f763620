"""Plain-text (Markdown) rendering of the informatieplein, shared by Discord, the console and the
demo. Member text is always shortened and neutralised (no mentions, Markdown escaped)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bot.core.i18n import t
from bot.core.plein.models import Overview, Perspective, Trend
from bot.core.publish import public_text
from bot.core.region import Region
from bot.core.text import neutralise

ARROWS = {"rising": "↑", "steady": "→", "falling": "↓"}

#: Turns a stored author key into something to show, or None to show nothing (the default).
AuthorLabel = Callable[[str], str | None]


def member_text(text: str, limit: int = 300) -> str:
    return public_text(text, limit)


def direction_counts(trends: Iterable[Trend]) -> str:
    counts = {d: 0 for d in ARROWS}
    for tr in trends:
        counts[tr.direction] = counts.get(tr.direction, 0) + 1
    return " ".join(f"{ARROWS[d]}{n}" for d, n in counts.items() if n)


def trend_line(tr: Trend, lang: str = "nl", *, excerpt: int = 160, with_theme: bool = True,
               with_id: bool = True, author_label: AuthorLabel | None = None) -> str:
    """`#12 · Alkmaar · Polarisatie · ↑ stijgend · sinds 2026-03: what is seen`"""
    parts = [f"#{tr.id}"] if with_id else []
    parts.append(tr.municipality)
    if with_theme:
        parts.append(tr.theme_label(lang))
    parts.append(f"{ARROWS.get(tr.direction, '')} {t('plein.direction.' + tr.direction, lang)}".strip())
    if tr.since:
        parts.append(t("plein.since", lang, since=tr.since))
    if tr.reports > 1:
        parts.append(t("plein.reports", lang, count=tr.reports))
    if tr.sensitivity == "moderators":
        parts.append("🔒 " + t("plein.moderators_only", lang))
    who = author_label(tr.author) if author_label and tr.author else None
    if who:
        parts.append(who)
    return " · ".join(parts) + ": " + member_text(tr.seen, excerpt)


def trend_saved_text(tr: Trend, lang: str = "nl") -> str:
    """The confirmation after sharing (or updating) a trend."""
    if tr.changed:
        return t("plein.updated", lang, trend_id=tr.id) + "\n" + trend_line(tr, lang)
    return t("plein.shared", lang, trend_id=tr.id, theme=tr.theme_label(lang), municipality=tr.municipality,
             audience=t(f"plein.audience.{tr.sensitivity}", lang),
             anon=t("plein.anon_note", lang) if tr.anonymous else "")


def perspective_saved_text(p: Perspective, lang: str = "nl") -> str:
    return t("plein.perspective_added", lang, perspective_id=p.id) + "\n" + member_text(p.text, 300)


def intake_result_text(result: Trend | Perspective, lang: str = "nl") -> str:
    """For the privacy flow's result renderers (kinds "trend" and "perspective")."""
    if isinstance(result, Perspective):
        return perspective_saved_text(result, lang)
    return trend_saved_text(result, lang)


def mine_text(trends: list[Trend], lang: str = "nl") -> str:
    if not trends:
        return t("plein.mine_empty", lang)
    lines = [f"**{t('plein.mine_title', lang)}**"]
    for tr in trends:
        status = "" if tr.status == "active" else f" ({t('plein.status.' + tr.status, lang)})"
        lines.append(f"- {trend_line(tr, lang, excerpt=100)}{status}")
    return "\n".join(lines)


def period_text(ov: Overview, lang: str) -> str:
    if ov.since is None:
        return t("plein.period_all", lang)
    return t("plein.period_range", lang, since=ov.since[:10], until=ov.until[:10])


def overview_text(ov: Overview, region: Region, lang: str = "nl", *,
                  author_label: AuthorLabel | None = None) -> str:
    """The overview as Markdown (well within an embed description: every part is bounded)."""
    lines = [f"**{t('plein.overview_title', lang, period=period_text(ov, lang))}**"]
    if ov.filters:
        lines.append(t("plein.filters", lang, filters=", ".join(neutralise(v) for _, v in ov.filters)))
    if not ov.total:
        lines.append(t("plein.overview_empty", lang))
    else:
        lines.append(t("plein.count_line", lang, total=ov.total, municipalities=ov.municipalities))
        lines += ["", f"__{t('plein.by_theme', lang)}__"]
        lines += [f"- {region.theme_label(k, lang)}: {n}" for k, n in ov.by_theme[:10]]
        lines += ["", f"__{t('plein.by_region', lang)}__"]
        lines += [f"- {region.house_label(k)}: {n}" for k, n in ov.by_region]
        lines += ["", f"__{t('plein.rising', lang)}__"]
        lines += [f"- {t('plein.rising_line', lang, theme=region.theme_label(k, lang), rising=up, total=n)}"
                  for k, up, n in ov.rising[:5]] or [t("plein.rising_none", lang)]
        lines += ["", f"__{t('plein.newest', lang)}__"]
        lines += [f"- {trend_line(tr, lang, excerpt=160, author_label=author_label)}" for tr in ov.newest]
        if ov.helps:
            lines += ["", f"__{t('plein.helps', lang)}__"]
            lines += [f"- {tr.theme_label(lang)} ({tr.municipality}): {member_text(tr.helps, 160)}"
                      for tr in ov.helps]
    if ov.perspectives:
        lines += ["", f"__{t('plein.perspectives', lang)}__"]
        lines += [f"- {member_text(p.text, 200)}" for p in ov.perspectives]
    return "\n".join(lines)
