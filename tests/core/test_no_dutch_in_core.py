"""Issue 15: no Dutch sentence hard-coded in `bot/core` outside a catalogue (texts.*.toml).

A string constant (not a docstring) with two or more Dutch function words is a sentence that
belongs in the capability's catalogue. The privacy package is exempt: its word lists are data.
"""

import ast
import re

from tests.conftest import REPO

DUTCH = re.compile(r"\b(het|een|niet|voor|wordt|zijn|staat|geen|naar|deze|ook|uit|bij|jouw|je)\b")


def dutch_sentences(path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value[:80]) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            and len(DUTCH.findall(node.value)) >= 2]


def test_no_dutch_sentence_is_hard_coded_in_the_core():
    core = REPO / "bot" / "core"
    found = {str(p.relative_to(core)): hits for p in sorted(core.rglob("*.py"))
             if "privacy" not in p.relative_to(core).parts and (hits := dutch_sentences(p))}
    assert not found, f"move these to the capability's texts.nl.toml / texts.en.toml: {found}"


def test_the_check_sees_a_dutch_sentence(tmp_path):
    sample = tmp_path / "x.py"
    sample.write_text('x = f"Verdieping op {a} uit het living lab"\n', encoding="utf-8")
    assert dutch_sentences(sample)
