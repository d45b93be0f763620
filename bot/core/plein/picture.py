"""Overviews and the regional picture of the informatieplein. Mixed into `PleinService`.

`overview` answers `/plein overzicht` (counts, rising themes, newest signals, what helps, published
perspectives) for what the viewer may see. `compile_picture` bundles a period ("since the
previous plein") by theme and region, says what changed against the period before, and draws
trends per theme per region over time. Both return plain data; the text renderers are in
`plein_render.py`.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from bot.core.charts import Panel, palette, stacked_bar_panels_png
from bot.core.clock import iso, parse_iso
from bot.core.errors import InvalidInput
from bot.core.i18n import t
from bot.core.identity import requires
from bot.core.models import Privilege, Request
from bot.core.plein.models import Overview, Picture, Trend, as_iso, chunk_text, period_bounds
from bot.core.plein.render import direction_counts, member_text, trend_line

DEFAULT_PICTURE_DAYS = 182  # "at least twice a year": without a previous plein, half a year back
MESSAGE_LIMIT = 2000


class PictureMixin:
    # -- /plein overzicht ---------------------------------------------------------------------
    @requires(Privilege.MEMBER)
    def overview(self, req: Request, *, theme: str | None = None, region: str | None = None,
                 period: str | None = None, limit: int = 5) -> Overview:
        """Counts, rising themes, newest signals and what helps, filtered by theme, region (a
        zorg- en veiligheidshuis or a municipality) and period ('90d', '6m', 'alles', a date)."""
        since, until = period_bounds(period, self.clock.now())
        theme_key = self.region.theme(theme).key if theme else None
        area = self.region.area(region)
        house = area[1] if area and area[0] == "house" else None
        municipality = area[1] if area and area[0] == "municipality" else None
        trends = self.trends(req.privilege, since=since, until=until, theme=theme_key, house=house,
                             municipality=municipality)
        filters = []
        if theme_key:
            filters.append(("theme", self.region.theme_label(theme_key, req.lang)))
        if area:
            filters.append(("region", self.region.house_label(house) if house else municipality))
        published = self.perspectives(status="published", published_since=since, published_until=until)
        perspectives = [p for p in published if not theme_key or p.theme == theme_key]
        theme_order = [th.key for th in self.region.themes]
        house_order = [h.key for h in self.region.houses]
        return Overview(
            since=since, until=until, filters=tuple(filters), audience=self.visible(req.privilege),
            total=len(trends), municipalities=len({tr.municipality for tr in trends}),
            by_theme=tuple(self._ranked(Counter(tr.theme for tr in trends), theme_order)),
            by_region=tuple(self._ranked(Counter(tr.region for tr in trends), house_order)),
            rising=tuple(self._rising(trends)), newest=tuple(trends[:limit]),
            helps=tuple([tr for tr in trends if tr.helps][:limit]),
            perspectives=tuple(reversed(perspectives[-limit:])),
        )

    @staticmethod
    def _ranked(counts: Counter, order: list[str]) -> list[tuple[str, int]]:
        rank = {key: i for i, key in enumerate(order)}
        return sorted(counts.items(), key=lambda kv: (-kv[1], rank.get(kv[0], len(rank)), kv[0]))

    def _rising(self, trends: list[Trend]) -> list[tuple[str, int, int]]:
        """Themes where partners report a rise more often than a fall: (theme, rising, trends)."""
        out = []
        for theme in dict.fromkeys(tr.theme for tr in trends):
            group = [tr for tr in trends if tr.theme == theme]
            up = sum(1 for tr in group if tr.direction == "rising")
            down = sum(1 for tr in group if tr.direction == "falling")
            if up > down:
                out.append((theme, up, len(group), up - down))
        out.sort(key=lambda r: (-r[3], -r[2], r[0]))
        return [r[:3] for r in out]

    # -- the regional picture -----------------------------------------------------------------
    @requires(Privilege.MODERATOR)
    def compile_picture(self, req: Request, since: str | dt.datetime | None = None,
                        until: str | dt.datetime | None = None, *, include_moderators: bool = False,
                        session_id: int | None = None) -> Picture:
        """The regional picture from `since` (default: the end of the previous closed plein, else
        half a year back) until `until` (default: now; exclusive). The network view unless a
        moderator asks for `include_moderators`. With `session_id`, its perspectives are added."""
        lang = req.lang
        until_iso = as_iso(until) or iso(self.clock.now() + dt.timedelta(seconds=1))
        since_iso = (as_iso(since) or self.previous_plein_end(until_iso)
                     or iso(parse_iso(until_iso) - dt.timedelta(days=DEFAULT_PICTURE_DAYS)))
        if since_iso >= until_iso:
            raise InvalidInput("plein.bad_range", since=since_iso[:10], until=until_iso[:10])
        audience = self.visible(req.privilege, include_moderators)
        view = {"include_moderators": include_moderators}
        trends = self.trends(req.privilege, since=since_iso, until=until_iso, **view)
        span = parse_iso(until_iso) - parse_iso(since_iso)
        prev_since = iso(parse_iso(since_iso) - span)
        prev_shown = (parse_iso(since_iso) - dt.timedelta(seconds=1)).date().isoformat()
        previous = self.trends(req.privilege, since=prev_since, until=since_iso, **view)
        shown_until = (parse_iso(until_iso) - dt.timedelta(seconds=1)).date().isoformat()
        title = t("plein.picture_title", lang, since=since_iso[:10], until=shown_until)
        sections: list[tuple[str, str]] = []
        if not trends:
            sections.append((title, t("plein.picture_empty", lang)))
        else:
            intro = t("plein.picture_intro", lang, total=len(trends),
                      reports=sum(tr.reports for tr in trends),
                      municipalities=len({tr.municipality for tr in trends}),
                      all_municipalities=len(self.region.municipalities),
                      houses=len({tr.region for tr in trends}), all_houses=len(self.region.houses))
            if "moderators" in audience:
                intro += "\n" + t("plein.picture_moderators", lang)
            sections.append((title, intro))
            sections.append((t("plein.per_theme", lang), self._by_theme_and_region(trends, lang)))
            sections.append((t("plein.changes", lang, since=prev_since[:10], until=prev_shown),
                             self._changes(trends, previous, lang)))
            helps = self._helps(trends, lang)
            if helps:
                sections.append((t("plein.helps", lang), helps))
        if session_id is not None:
            items = self.perspectives(session_id=self.session(session_id)["id"])
            if items:
                sections.append((t("plein.perspectives", lang), "\n".join(
                    f"- {member_text(p.text)}" for p in items)))
        png = self._chart(trends, since_iso, until_iso, lang) if trends else None
        chunks = chunk_text([f"### {head}\n{body}" for head, body in sections], MESSAGE_LIMIT)
        return Picture(since=since_iso, until=until_iso, audience=audience, total=len(trends),
                       sections=tuple(sections), chunks=tuple(chunks), png=png)

    def _grouped(self, trends: list[Trend]) -> list[tuple[str, list[Trend]]]:
        order = [th.key for th in self.region.themes]
        keys = sorted({tr.theme for tr in trends},
                      key=lambda k: (order.index(k) if k in order else len(order), k))
        return [(k, [tr for tr in trends if tr.theme == k]) for k in keys]

    def _by_theme_and_region(self, trends: list[Trend], lang: str) -> str:
        houses = [h.key for h in self.region.houses]
        lines: list[str] = []
        for theme, group in self._grouped(trends):
            head = t("plein.theme_head", lang, theme=self.region.theme_label(theme, lang), count=len(group),
                     directions=direction_counts(group))
            lines.append(f"**{head}**")
            in_order = sorted({tr.region for tr in group},
                              key=lambda k: (houses.index(k) if k in houses else 99, k))
            for house in in_order:
                in_house = sorted((tr for tr in group if tr.region == house),
                                  key=lambda tr: (tr.municipality, tr.id))
                lines.append(f"- {self.region.house_label(house)} ({len(in_house)})")
                lines += [f"  - {trend_line(tr, lang, excerpt=200, with_theme=False)}" for tr in in_house]
        return "\n".join(lines)

    def _changes(self, now: list[Trend], before: list[Trend], lang: str) -> str:
        current, previous = Counter(tr.theme for tr in now), Counter(tr.theme for tr in before)
        lines = []
        for theme in [th.key for th in self.region.themes] + sorted(set(current) | set(previous)):
            if theme in {ln[0] for ln in lines}:
                continue
            count, was = current.get(theme, 0), previous.get(theme, 0)
            label = self.region.theme_label(theme, lang)
            if count and not was:
                lines.append((theme, t("plein.change_new", lang, theme=label, count=count)))
            elif was and not count:
                lines.append((theme, t("plein.change_gone", lang, theme=label, before=was)))
            elif count != was:
                key = "plein.change_more" if count > was else "plein.change_less"
                lines.append((theme, t(key, lang, theme=label, before=was, count=count)))
        return "\n".join(f"- {text}" for _, text in lines) or t("plein.no_changes", lang)

    def _helps(self, trends: list[Trend], lang: str) -> str:
        lines = []
        for theme, group in self._grouped([tr for tr in trends if tr.helps]):
            lines.append(f"**{self.region.theme_label(theme, lang)}**")
            lines += [f"- {member_text(tr.helps, 240)} ({tr.municipality})" for tr in group]
        return "\n".join(lines)

    def _chart(self, trends: list[Trend], since: str, until: str, lang: str) -> bytes:
        buckets, quarters = _buckets(parse_iso(since), parse_iso(until) - dt.timedelta(seconds=1), lang)
        labels = {th.key: th.label(lang) for th in self.region.themes}
        colours = palette(list(self.region.theme_colours(lang)) + sorted({tr.theme for tr in trends} - set(labels)))
        themes = [k for k, _ in self._grouped(trends)]
        panels = []
        for house in self.region.houses:
            mine = [tr for tr in trends if tr.region == house.key]
            counts = Counter((tr.theme, _bucket(parse_iso(tr.created_at), quarters, lang)) for tr in mine)
            series = {labels.get(k, k): [counts[(k, b)] for b in buckets] for k in themes}
            panels.append(Panel(house.short, buckets, series))
        return stacked_bar_panels_png(panels, title=t("plein.chart_title", lang),
                                      ylabel=t("plein.chart_ylabel", lang), colors=colours,
                                      empty_text=t("plein.chart_empty", lang))


def _bucket(when: dt.datetime, quarters: bool, lang: str) -> str:
    if quarters:
        return f"{when.year}-{'Q' if lang == 'en' else 'K'}{(when.month - 1) // 3 + 1}"
    return f"{when.year}-{when.month:02d}"


def _buckets(start: dt.datetime, end: dt.datetime, lang: str) -> tuple[list[str], bool]:
    """Month labels from `start` to `end`; quarters when that would be more than two years."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    quarters = months > 24
    out, year, month = [], start.year, start.month
    for _ in range(max(months, 1)):
        out.append(_bucket(dt.datetime(year, month, 1, tzinfo=dt.UTC), quarters, lang))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return list(dict.fromkeys(out)), quarters

