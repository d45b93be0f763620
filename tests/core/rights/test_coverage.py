"""Red's `red_delete_data_for_user` contract, per table and column: every table has one owner,
and every column that holds a member's id or key is declared by that owner, whose export and
erasure answer for it. A new table or member column that nobody considered fails here."""

import re
from collections import Counter

from bot.core.models import Privilege, Request
from bot.core.store import T
from tests.core.lab.test_lab_flow import lab, submit  # noqa: F401  (the `lab` fixture)

MEMBER_COLUMN = re.compile(r"^(author|actor|voter|user)_(id|key)$|^(created|claimed|approved)_by$")


def owners(app) -> dict[str, object]:
    counted = Counter(t for holder in app.members.services for t in holder.TABLES)
    shared = sorted(t for t, n in counted.items() if n > 1)
    assert not shared, f"tables owned by more than one service: {shared}"
    return {t: holder for holder in app.members.services for t in holder.TABLES}


def test_every_member_column_is_declared_by_the_tables_owner(app):
    owned = owners(app)
    missing = []
    for table in sorted(set(app.db.table_names()) - T.internal):
        columns = {c.name for c in app.db[table].columns if MEMBER_COLUMN.match(c.name)}
        if table == T.outbox:
            columns.add("channel")  # "dm:<member>"
        if not columns:
            continue
        holder = owned.get(table)
        declared = set(getattr(holder, "MEMBER_COLUMNS", {}).get(table, ()))
        missing += [f"{table}.{c}" for c in sorted(columns - declared)]
    assert not missing, f"member columns no capability answers for: {missing}"


def test_declarations_name_real_columns(app):
    for holder in app.members.services:
        assert set(holder.MEMBER_COLUMNS) <= set(holder.TABLES), type(holder).__name__
        for table, columns in holder.MEMBER_COLUMNS.items():
            assert set(columns) <= {c.name for c in app.db[table].columns}, (table, columns)


def test_a_moderators_claim_is_released_when_they_are_forgotten(app, lab):  # noqa: F811
    mod = Request(user_id="discord:9", privilege=Privilege.MODERATOR)
    item = submit(app, lab)
    app.intake_items.claim(mod, item.id)
    assert app.db[T.items].get(item.id)["claimed_by"] == "discord:9"
    app.members.forget(mod)
    assert app.db[T.items].get(item.id)["claimed_by"] is None
