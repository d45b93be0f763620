"""The text catalogues: every key in every locale, the same placeholders and plural forms in each,
and no key that no code uses (a dead text would be translated for nothing)."""

import ast
import string

import pytest

from bot.core import i18n
from tests.conftest import REPO


def fields(text) -> set[str]:
    forms = text.values() if isinstance(text, dict) else [text]
    return {f for form in forms for _, f, _, _ in string.Formatter().parse(form) if f}


@pytest.mark.parametrize("name", sorted(i18n.CATALOGUES))
def test_every_key_in_every_locale_with_the_same_placeholders(name):
    locales = {lang: i18n.load_catalogue(name, lang) for lang in i18n.LOCALES}
    keys = set(locales[i18n.DEFAULT])
    assert keys, f"catalogue {name} is empty"
    for lang, texts in locales.items():
        assert set(texts) == keys, f"{name}/{lang}: missing {sorted(keys - set(texts))}, extra {sorted(set(texts) - keys)}"
    for key in keys:
        shapes = {lang: type(texts[key]) for lang, texts in locales.items()}
        assert len(set(shapes.values())) == 1, f"{key}: plural forms in one locale only ({shapes})"
        assert len({frozenset(fields(texts[key])) for texts in locales.values()}) == 1, f"{key}: placeholders differ"


def test_plural_forms_follow_count():
    plurals = [k for k, v in i18n.MESSAGES.items() if isinstance(v["nl"], dict)]
    assert plurals, "no plural texts"
    for key in plurals:
        names = fields(i18n.MESSAGES[key]["nl"])
        assert "count" in names, key
        other = {n: "x" for n in names - {"count"}}
        assert i18n.t(key, "nl", count=1, **other) != i18n.t(key, "nl", count=2, **other), key
    assert i18n.t("digest.open_questions", "nl", count=1).startswith("En 1 vraag uit de chat wacht ")
    assert i18n.t("digest.open_questions", "nl", count=2).startswith("En 2 vragen uit de chat wachten ")


def used_keys() -> tuple[set[str], set[str]]:
    """String constants in the code, and the fixed starts of keys built at run time
    (f"lab.button_{action}", "pii." + kind)."""
    literals, prefixes = set(), set()
    for path in (REPO / "bot").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                prefixes.add(node.values[0].value)
            elif (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and isinstance(node.left, ast.Constant)
                  and isinstance(node.left.value, str)):
                prefixes.add(node.left.value)
    return literals, {p for p in prefixes if "." in p}


def built(key: str, literals: set[str], prefixes: set[str]) -> bool:
    """`key` is a fixed start plus a rest; a bare family start ("privacy.") counts only when the
    rest is itself a constant in the code ("anonymise"), so "lab." cannot excuse every lab text."""
    for prefix in prefixes:
        if key.startswith(prefix):
            rest = key[len(prefix):]
            if prefix.split(".", 1)[1] or rest in literals:
                return True
    return False


def test_no_key_without_code_that_uses_it():
    literals, prefixes = used_keys()
    unused = sorted(k for k in i18n.MESSAGES if k not in literals and not built(k, literals, prefixes))
    assert not unused, f"texts no code uses: {unused}"


def test_loading_texts_has_no_import_side_effects():
    import subprocess
    import sys

    code = "import bot.core.i18n as i, bot.core.app; import sys; sys.exit(0 if i.MESSAGES._texts is None else 1)"
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
