"""/lab: the Discord door of the living lab (GitHub issue 5).

One command group, written in three parts: planning (`lab_plan`), intake and the moderators' queue
(`lab_queue`), running a session and its lessons (`lab_session`). Every command is thin: convert
to a `Request`, call the services (which enforce privileges), render. Domain errors propagate to
the tree's error handler (`send_error`); buttons and forms handle their own the same way.

Discord allows 25 subcommands in a group; /lab has 25. Approving an item posts it for voting, so
there is no separate publish command.
"""

from __future__ import annotations

from discord.app_commands import locale_str as _
from discord.ext import commands

from bot.discord_adapter.lab.lesson_views import LessonAction
from bot.discord_adapter.lab.plan import PlanCommands
from bot.discord_adapter.lab.queue import QueueCommands
from bot.discord_adapter.lab.session import SessionCommands
from bot.discord_adapter.lab.views import DYNAMIC_ITEMS_QUEUE

DYNAMIC_ITEMS = (*DYNAMIC_ITEMS_QUEUE, LessonAction)

__all__ = ["DYNAMIC_ITEMS", "LabCog"]


class LabCog(SessionCommands, QueueCommands, PlanCommands, commands.GroupCog, group_name=_("lab"),
             group_description=_("Living labs en informatiepleinen van het netwerk")):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        super().__init__()
