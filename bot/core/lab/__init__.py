"""Living lab: sessions, intake, votes and agenda, notes, lessons, reminders, the calendar.

The public face: what other capabilities and the doors may use. The lab's tables and SQL live in
`store` and are private to this package; other capabilities read sessions through `session_row`
and `last_closed_end`, and the lab's services through `Lab`.
"""

from dataclasses import dataclass

from bot.core.lab.calendar import calendar_bytes
from bot.core.lab.feeds import CalendarFeeds
from bot.core.lab.intake import IntakeService
from bot.core.lab.items import Item
from bot.core.lab.lessons import LessonService
from bot.core.lab.posts import LabPosts
from bot.core.lab.reminders import ReminderService
from bot.core.lab.sessions import Session, SessionService, kind_label, notice_lines
from bot.core.lab.store import TABLES, last_closed_end, session_row, upcoming_session_rows


@dataclass(frozen=True)
class Lab:
    """The lab's services, handed as one to the capabilities that read from it (the digest)."""

    sessions: SessionService
    intake: IntakeService
    lessons: LessonService
    reminders: ReminderService


__all__ = ["notice_lines", "TABLES", "CalendarFeeds", "IntakeService", "Item", "Lab", "LabPosts", "LessonService", "ReminderService", "Session",
           "SessionService", "calendar_bytes", "kind_label", "last_closed_end", "session_row",
           "upcoming_session_rows"]
