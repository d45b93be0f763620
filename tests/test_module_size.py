"""The house rule "modules under ~400 lines, one responsibility each" (PREAMBLE), checked over the
shipped packages: a module that grows well past it is split along a seam of responsibility (as
`bot/core/lab/intake.py` was, into intake, moderation and items), not trimmed line by line."""

from tests.conftest import REPO

PACKAGES = ("bot", "knowledge", "scheduler", "fakediscord")
#: "~400": some slack for a module at the line, none for one that has outgrown it
LIMIT = 420


def test_no_module_outgrows_the_house_limit():
    sizes = {path.relative_to(REPO).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
             for package in PACKAGES for path in (REPO / package).rglob("*.py")}
    assert len(sizes) > 100  # the packages were found
    too_long = {path: n for path, n in sizes.items() if n > LIMIT}
    assert not too_long, f"split these along a seam of responsibility: {too_long}"
