"""Each capability owns its SQL: statements live in its `store.py` (or the shared helpers in
`bot/core/store/`), as named functions; services call them. A service that builds SQL in an
f-string fails here. The outbox is one small module that is its own store."""

import ast
import re

from tests.conftest import REPO

SQL = re.compile(r"\b(select|update|delete|insert into)\b.*\b(from|set|where|values|into)\b", re.I | re.S)
STORES = {"store.py", "outbox.py"}


def sql_fstrings(path) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
            if SQL.search(text):
                lines.append(node.lineno)
    return lines


def test_no_sql_built_in_services():
    core = REPO / "bot" / "core"
    found = {}
    for path in sorted(core.rglob("*.py")):
        rel = path.relative_to(core)
        if path.name in STORES or rel.parts[0] in ("store", "privacy"):
            continue
        lines = sql_fstrings(path)
        if lines:
            found[str(rel)] = lines
    assert not found, f"SQL built in services (move it to the capability's store.py): {found}"


def test_the_check_sees_sql():
    sample = REPO / "bot" / "core" / "lab" / "store.py"
    assert len(sql_fstrings(sample)) >= 10
