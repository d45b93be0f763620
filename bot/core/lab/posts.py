"""The lab's public posts, rendered from the database at the moment they are sent (issue 19, point 1).

The lab queues references (`render={"kind": ..., ids}`), never member text: the outbox's
dispatcher asks the renderer registered here for the message when it sends. What was erased,
rejected, merged or closed meanwhile is then not posted at all (the renderer answers None), and a
vote post that went out is edited to its final state ("vote-final", buttons disabled) or removed
after an erasure (the "delete" operation of the outbox).

| kind | ids | posted while |
|---|---|---|
| vote-post | item_id | the item is approved and its session open |
| vote-final | item_id | the item was not erased (its final state: closed, rejected, merged, discussed) |
| reject-dm | item_id | the item is still rejected (an erasure deletes it) |
| agenda | session_id | always (the approved items of that moment) |
| current | session_id, item_id | the item is approved or discussed |
| lessons | session_id, lesson_ids | the lessons are published |
"""

from __future__ import annotations

from bot.core.errors import NotFound
from bot.core.i18n import t
from bot.core.lab import store
from bot.core.lab.intake import IntakeService
from bot.core.lab.items import Item
from bot.core.lab.lessons import LessonService
from bot.core.lab.sessions import Session, SessionService, kind_label
from bot.core.notify import ButtonData, EmbedBuilder, EmbedData, OutMessage
from bot.core.outbox import OutboxService
from bot.core.publish import item_is_public, public_text
from bot.core.text import shorten

OPEN_SESSION = ("planned", "running")


class LabPosts:
    def __init__(self, outbox: OutboxService, sessions: SessionService, intake: IntakeService,
                 lessons: LessonService) -> None:
        self.sessions, self.intake, self.lessons = sessions, intake, lessons
        outbox.renderers.update({
            "vote-post": self.vote_post, "vote-final": self.vote_final, "reject-dm": self.reject_dm,
            "agenda": self.agenda, "current": self.current, "lessons": self.lesson_post})
        sessions.close_listeners.append(self.session_closed)

    def session_closed(self, session_id: int) -> None:
        """Votes no longer count: every vote post of the session is shown in its final state."""
        for item_id in store.approved_item_ids(self.intake.db, session_id):
            self.intake.finalise_vote_post(item_id)

    def _item(self, item_id: int) -> Item | None:
        try:
            return self.intake.get(item_id)
        except NotFound:
            return None

    def _vote_embed(self, item: Item, session: Session, footer: str) -> EmbedData:
        kind = kind_label(session.kind)
        return EmbedData(title=public_text(item.title, 250),
                         description=shorten(f"*{kind}: {public_text(session.theme, 200)}, "
                                             f"{self.sessions.when(session)}*\n\n"
                                             f"{public_text(item.text, one_line=False)}", 1800),
                         footer=footer)

    def vote_post(self, spec: dict) -> OutMessage | None:
        item = self._item(spec["item_id"])
        if item is None or not item_is_public(item.status):
            return None
        session = self.sessions.get(item.session_id)
        if session.status not in OPEN_SESSION:
            return None
        return OutMessage(embeds=(self._vote_embed(item, session, t("lab.vote_footer", item_id=item.id)),),
                          buttons=(ButtonData(f"labbot:vote:{item.id}", t("lab.vote_button", count=item.votes),
                                              "▲"),))

    def vote_final(self, spec: dict) -> OutMessage | None:
        """The vote post in its final state: votes no longer taken, the button disabled. A rejected
        item's text is taken down (a moderator decided it does not belong on the agenda)."""
        item = self._item(spec["item_id"])
        if item is None or item.status == "erased":
            return None
        session = self.sessions.get(item.session_id)
        if item.status == "rejected":
            embed = EmbedData(title=t("lab.vote_final.withdrawn_title"), description=t("lab.vote_final.rejected"),
                              footer=t("lab.vote_final.footer", item_id=item.id))
        else:
            state = {"merged": t("lab.vote_final.merged", into=item.merged_into)}.get(
                item.status, t("lab.vote_final.closed"))
            embed = self._vote_embed(item, session, t("lab.vote_final.footer", item_id=item.id))
            embed = EmbedData(title=embed.title, description=shorten(f"{embed.description}\n\n**{state}**", 2000),
                              footer=embed.footer)
        return OutMessage(embeds=(embed,), buttons=(
            ButtonData(f"labbot:vote:{item.id}", t("lab.vote_button", count=item.votes), "▲", disabled=True),))

    def reject_dm(self, spec: dict) -> OutMessage | None:
        item = self._item(spec["item_id"])
        if item is None or item.status != "rejected":
            return None
        lang = store.item_locale(self.intake.db, item.id) or "nl"  # the author's language, not the moderator's
        return OutMessage(content=t("lab.rejected_dm", lang, title=public_text(item.title, 200),
                                    reason=item.reason or ""))

    def agenda(self, spec: dict) -> OutMessage | None:
        session = self.sessions.get(spec["session_id"])
        items = [i for i in self.intake.agenda(session.id) if item_is_public(i.status) or i.status == "discussed"]
        builder = EmbedBuilder(f"Agenda: {public_text(session.theme, 240)}")
        for line in [f"{n}. **{public_text(i.title, 200)}** ({i.votes} ▲)" for n, i in enumerate(items, 1)] or ["—"]:
            builder.line(line)
        return OutMessage(embeds=(builder.build(),))

    def current(self, spec: dict) -> OutMessage | None:
        item = self._item(spec["item_id"])
        if item is None or item.status not in ("approved", "discussed"):
            return None
        return OutMessage(embeds=(EmbedData(title=shorten(t("lab.now_up", title=public_text(item.title, 230)), 256)),))

    def lesson_post(self, spec: dict) -> OutMessage | None:
        rows = store.lesson_rows(self.lessons.db, spec["lesson_ids"])
        rows = [r for r in rows if r["status"] == "published"]
        if not rows:
            return None
        return self.lessons.message(self.sessions.get(spec["session_id"]), rows)
