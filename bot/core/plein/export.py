"""Exports of the informatieplein for the analyst (`labbot plein export`): CSV and Markdown.

Sensitivity is respected: the network view unless a moderator (or the operator) asks for
`include_moderators`; authors are never exported. CSV cells that a spreadsheet would run as a
formula (starting with = + - @ or a tab) get a leading apostrophe (OWASP); `read_csv` undoes it.
Mixed into `PleinService`.
"""

from __future__ import annotations

import csv
import io

from bot.core.clock import iso
from bot.core.i18n import t
from bot.core.identity import PURE, no_privilege, requires
from bot.core.models import Privilege, Request
from bot.core.plein.models import as_iso

COLUMNS = ("id", "created_at", "updated_at", "municipality", "region", "theme", "direction", "since", "seen",
           "helps", "sensitivity", "reports")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
HEAD_NL = ("#", "gemeente", "regio", "richting", "sinds", "wat zie je", "wat helpt", "zichtbaar", "gedeeld")
HEAD_EN = ("#", "municipality", "region", "direction", "since", "seen", "what helps", "visible", "shared")


def _needs_escape(value: str) -> bool:
    return value[:1] in _FORMULA or (value[:1] == "'" and _needs_escape(value[1:]))


def escape_cell(value: object) -> object:
    if isinstance(value, str) and value and _needs_escape(value):
        return "'" + value
    return value


def unescape_cell(value: str) -> str:
    return value[1:] if value[:1] == "'" and _needs_escape(value[1:]) else value


def read_csv(text: str) -> list[dict[str, str]]:
    """Rows of an export, cells unescaped (everything as text, as CSV has no types)."""
    return [{k: unescape_cell(v) for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))]


def _cell(value: object) -> str:
    text = " ".join(str(value if value is not None else "").split())
    return text.replace("\\", "\\\\").replace("|", "\\|")


class ExportMixin:
    @requires(Privilege.MODERATOR)
    def export_rows(self, req: Request, *, include_moderators: bool = False, since: str | None = None,
                    until: str | None = None) -> list[dict]:
        """Active trends as flat rows (oldest first), network view unless `include_moderators`."""
        trends = self.trends(req.privilege, since=as_iso(since), until=as_iso(until),
                             include_moderators=include_moderators)
        rows = [{"id": tr.id, "created_at": tr.created_at, "updated_at": tr.updated_at or "",
                 "municipality": tr.municipality, "region": tr.region, "theme": tr.theme,
                 "direction": tr.direction, "since": tr.since, "seen": tr.seen, "helps": tr.helps,
                 "sensitivity": tr.sensitivity, "reports": tr.reports} for tr in reversed(trends)]
        self.audit.record(req, "plein.export", "trends", "", count=len(rows),
                          include_moderators=int(bool(include_moderators)))
        return rows

    @staticmethod
    @no_privilege(PURE + ' (formats what export_rows returned after its check)')
    def export_csv(rows: list[dict]) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: escape_cell(row.get(k, "")) for k in COLUMNS})
        return out.getvalue()

    @no_privilege(PURE + ' (formats what export_rows returned after its check)')
    def export_markdown(self, rows: list[dict], lang: str = "nl", *, include_moderators: bool = False) -> str:
        """A readable document: per theme (taxonomy order) a table of its trends."""
        audience = t("plein.audience.moderators" if include_moderators else "plein.audience.network", lang)
        lines = [f"# Informatieplein: export ({self.region.name})", "",
                 f"- {iso(self.clock.now())[:16].replace('T', ' ')} UTC", f"- {len(rows)} trends",
                 f"- {audience}" if not include_moderators else f"- {t('plein.picture_moderators', lang)}"]
        order = [th.key for th in self.region.themes]
        themes = sorted({r["theme"] for r in rows},
                        key=lambda k: (order.index(k) if k in order else len(order), k))
        head = HEAD_EN if lang == "en" else HEAD_NL
        for theme in themes:
            lines += ["", f"## {self.region.theme_label(theme, lang)}", "",
                      "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
            for r in (r for r in rows if r["theme"] == theme):
                cells = (r["id"], r["municipality"], self.region.house_label(r["region"]),
                         t("plein.direction." + r["direction"], lang), r["since"], r["seen"], r["helps"],
                         r["sensitivity"], str(r["created_at"])[:10])
                lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        return "\n".join(lines) + "\n"
