"""/lab, /inbreng and /sessie: the Discord door of the living lab (GitHub issues 5 and 16).

Three command groups, one per part of the work (Discord allows 25 subcommands in a group; one
/lab group had reached that limit):

- `/lab`: planning sessions and following them (`lab_plan`: plan, verzet, annuleer, jaarplan,
  ics, interesse);
- `/inbreng`: handing in and the moderators' queue (`lab_queue`: nieuw, mijn, wachtrij,
  goedkeuren, afwijzen, claim, bewerk, samenvoegen, volgorde);
- `/sessie`: running a session and its lessons afterwards (`lab_session`: start, volgende,
  notitie, expert, sluit, lessen, les-goedkeuren, les-bewerk, lessen-publiceer, promoveer).

The console uses the same group and command names (`bot/console/lab.py`). Every command is thin:
convert to a `Request`, call the services (which enforce privileges), render. Domain errors
propagate to the tree's error handler (`send_error`); buttons and forms handle their own the same
way. Approving an item posts it for voting, so there is no separate publish command.
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

__all__ = ["DYNAMIC_ITEMS", "LAB_COGS", "InbrengCog", "LabCog", "SessieCog"]


class LabCog(PlanCommands, commands.GroupCog, group_name=_("lab"),
             group_description=_("Living labs en informatiepleinen van het netwerk")):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        super().__init__()


class InbrengCog(QueueCommands, commands.GroupCog, group_name=_("inbreng"),
                 group_description=_("Vragen en dilemma's voor een living lab: inbrengen en de wachtrij")):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        super().__init__()


class SessieCog(SessionCommands, commands.GroupCog, group_name=_("sessie"),
                group_description=_("Een sessie leiden en de lessen daarna (moderatoren)")):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot
        super().__init__()


#: every /lab-family cog, in the order `setup_hook` adds them
LAB_COGS = (LabCog, InbrengCog, SessieCog)
