"""Every service operation declares the privilege it needs (issue 17, point 9), in the way
Red-DiscordBot's `requires` does: `@requires(Privilege.X)` checks the operation's `Request`
before it runs; `@no_privilege(reason)` marks the public methods that take no request on purpose.
A new public method without either fails here, and so does a door that reads the moderators'
queue or digest for a member."""

import dataclasses
import importlib
import inspect
import pkgutil
import typing

import pytest

import bot.core
from bot.console.shell import Console
from bot.core.app import Labbot
from bot.core.clock import Clock
from bot.core.errors import NotAllowed
from bot.core.identity import Identity
from bot.core.models import Privilege, Request
from bot.core.ops import HealthState
from bot.core.settings import Settings
from bot.core.timeparse import parse_local

#: fields of the app that are not services: what they hold is no operation a door calls
NOT_SERVICES = {Settings, Clock, Identity, HealthState}


def service_classes() -> set[type]:
    hints = typing.get_type_hints(Labbot)
    found = {hints[f.name] for f in dataclasses.fields(Labbot)}
    found = {c for c in found if isinstance(c, type) and c.__module__.startswith("bot.core")} - NOT_SERVICES
    for module in pkgutil.walk_packages(bot.core.__path__, "bot.core."):
        mod = importlib.import_module(module.name)
        found |= {c for _, c in inspect.getmembers(mod, inspect.isclass)
                  if c.__module__ == mod.__name__ and c.__name__.endswith("Service")}
    return found


def public_methods(cls: type):
    for name, fn in inspect.getmembers(cls, inspect.isfunction):
        if not name.startswith("_"):
            yield name, fn


def test_point9_every_public_service_method_declares_its_privilege():
    classes = service_classes()
    assert len(classes) >= 12  # the app's services and every *Service class in bot.core
    undeclared = [f"{cls.__name__}.{name}" for cls in classes for name, fn in public_methods(cls)
                  if not hasattr(fn, "privilege") or (fn.privilege is None and not getattr(fn, "privilege_reason", ""))]
    assert undeclared == [], "declare @requires(Privilege.X) or @no_privilege(reason) on: " + ", ".join(undeclared)


def test_point9_a_declared_privilege_is_checked_before_the_operation_runs(app):
    services = {type(getattr(app, f.name)): getattr(app, f.name) for f in dataclasses.fields(Labbot)}
    checked = 0
    for cls in service_classes():
        service = services.get(cls)
        for name, fn in public_methods(cls):
            level = getattr(fn, "privilege", None)
            if service is None or level is None or level <= Privilege.MEMBER:
                continue
            params = [p for p in inspect.signature(fn).parameters.values() if p.name != "self"]
            args = [Request(user_id="discord:5", privilege=Privilege(level - 1)) if "Request" in str(p.annotation)
                    else None for p in params if p.default is p.empty and p.kind is not p.KEYWORD_ONLY]
            with pytest.raises(NotAllowed):
                getattr(service, name)(*args)
            checked += 1
    assert checked >= 25


@pytest.fixture
def queue_with_a_pending_item(app):
    mod = Request(user_id="console:mod", privilege=Privilege.MODERATOR)
    app.clock.set(parse_local("2027-03-01 12:00", app.settings.tz))
    session = app.sessions.plan(mod, "lab", "Thema", "", parse_local("2027-03-11 19:30", app.settings.tz),
                                parse_local("2027-03-11 21:30", app.settings.tz), "123")
    app.intake_items.submit(Request(user_id="discord:77", text="Onze wijkagent twijfelt, wat nu?"), session.id,
                            "Wachtend punt van een lid")
    return session


def test_point9_console_as_member_cannot_read_the_moderators_queue_or_digest(app, queue_with_a_pending_item):
    sid = queue_with_a_pending_item.id
    member = Console(app, privilege=Privilege.MEMBER)
    for line in (f"inbreng wachtrij {sid}", "digest moderatoren", f"sessie lessen {sid}", "open"):
        answer = member.handle(line)
        assert answer.startswith("! "), (line, answer)
        assert "Wachtend punt" not in answer and "wijkagent" not in answer
    moderator = Console(app, user_id="console:mod", privilege=Privilege.MODERATOR)
    assert "Wachtend punt van een lid" in moderator.handle(f"inbreng wachtrij {sid}")
    assert moderator.handle("digest moderatoren").startswith("#")
    assert not member.handle("digest").startswith("! ")  # the network's variant is for everyone
