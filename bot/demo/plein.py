"""The informatieplein chapter of `labbot demo`: partners from several municipalities share local
trends (one anonymously, one for moderators only, one with personal data that the guard holds),
a moderator merges two, the overview shows what members see, the regional picture is compiled with
its chart (written to a PNG file), and the action perspectives are published and one is promoted
to a knowledge entry draft. Synthetic data only.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from bot.core.clock import iso
from bot.core.errors import LabbotError
from bot.core.guard import PersonalDataFound
from bot.core.i18n import error_text
from bot.core.models import Privilege, Request
from bot.core.plein.render import overview_text, trend_saved_text
from bot.core.store import T

#: (municipality, theme, direction, since how many months, what is seen, what helps, sensitivity, anonymous)
TRENDS = [
    ("Alkmaar", "polarisatie", "stijgend", 2,
     "Op twee middelbare scholen lopen discussies over het conflict in het Midden-Oosten vaker uit de hand.",
     "Klassengesprekken met een getrainde gespreksleider en de jongerenwerker erbij.", "network", False),
    ("Hoorn", "polarisatie", "stijgend", 1,
     "Meer spanning tussen groepen jongeren op pleinen, vaak na filmpjes op sociale media.",
     "", "network", False),
    ("Zaanstad", "complotdenken", "gelijk", 6,
     "Ouders in het wijkteam delen video's over een 'verborgen agenda' van de overheid bij vaccinaties.",
     "Niet in discussie over feiten, wel doorvragen naar zorgen; folder voor ouders.", "network", True),
    ("Purmerend", "online", "stijgend", 4,
     "Jongeren van 13 tot 15 sturen elkaar memes met extreemrechtse symbolen door in groepschats.",
     "Ouderavond over online radicalisering samen met de wijkagent.", "network", False),
    ("Haarlem", "rechts-extremisme", "stijgend", 3,
     "Stickers en flyers van een extreemrechtse groep rond twee scholen en het station.",
     "Snel verwijderen en melden; gesprek met de schoolleiding.", "moderators", False),
    ("Velsen", "bedreiging-bestuurders", "dalend", 8,
     "Minder bedreigende berichten aan raadsleden dan vorig jaar, maar wel scherpere toon online.",
     "Vast aanspreekpunt bij de gemeente en het protocol agressie en geweld.", "network", False),
    ("Den Helder", "anti-institutioneel-extremisme", "gelijk", 5,
     "Een kleine groep weigert brieven van de gemeente en beroept zich op 'soevereiniteit'.",
     "", "network", False),
]
HELD = ("Heemskerk", "jongeren", "stijgend", 1,
        "Een leerling (bel mentor 06-12345678) wordt online benaderd door een extremistische groep.")
PERSPECTIVES = [
    ("polarisatie", "Organiseer na spannende gebeurtenissen binnen een week een klassengesprek, met een "
                    "gespreksleider en de jongerenwerker; deel de ervaringen in het netwerk."),
    ("online", "Betrek ouders vroeg: een ouderavond over online radicalisering met school, jongerenwerk en "
               "wijkagent werkt in meerdere gemeenten."),
    (None, "Deel trends ook tussen de informatiepleinen door, zodat het beeld actueel blijft."),
]


MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
             "november", "december")


def _since(app, months: int, words: bool = False) -> str:
    """'2026-03' (or 'maart 2026', as partners type it) for `months` before the demo's clock."""
    now = app.clock.now()
    year, month = divmod(now.year * 12 + now.month - 1 - months, 12)
    return f"{MONTHS_NL[month]} {year}" if words else f"{year}-{month + 1:02d}"


def _session(app, moderator: Request) -> int:
    """A plein session to hang the perspectives on (the session service replaces this)."""
    now = app.clock.now()
    return app.db[T.sessions].insert({
        "kind": "plein", "theme": "Informatieplein (demo)", "description": "", "starts_at": iso(now),
        "ends_at": iso(now + dt.timedelta(hours=2)), "location_kind": "channel", "location": "demo",
        "status": "planned", "uid": f"demo-plein-{iso(now)}@labbot", "created_by": moderator.user_id,
        "created_at": iso(now), "updated_at": iso(now)}).last_pk


def plein_chapter(app, out: TextIO, moderator_req: Request, partner_reqs: list[Request] | None = None, *,
                  session_id: int | None = None, out_dir: Path | None = None,
                  drafts_dir: Path | None = None) -> dict:
    """Run the chapter and print it; returns what it made (counts and file paths).

    `session_id`: the plein session to hang the perspectives on (default: a new one). `out_dir`: where
    the chart goes (default: <temp>/labbot-demo-plein, kept after the demo so it can be opened);
    `drafts_dir`: where the knowledge draft goes (default: `out_dir`)."""
    plein = app.plein
    out_dir = Path(out_dir or Path(tempfile.gettempdir()) / "labbot-demo-plein")
    out_dir.mkdir(parents=True, exist_ok=True)
    partners = [replace(p, privilege=max(p.privilege, Privilege.PARTNER)) for p in partner_reqs or ()] or [
        Request(user_id=f"demo:partner-{n}", privilege=Privilege.PARTNER) for n in (1, 2)]
    out.write("Partners delen wat ze lokaal zien (/plein deel):\n\n")
    shared = []
    now = app.clock.now()
    simulated = hasattr(app.clock, "set")
    for i, (muni, theme, direction, since, seen, helps, sensitivity, anon) in enumerate(TRENDS):
        req = partners[i % len(partners)]
        if simulated:  # shared over the past weeks, one a week, so the charts show them over time
            app.clock.set(now - dt.timedelta(weeks=len(TRENDS) - i, hours=i))
        trend = plein.share(req, municipality=muni, theme=theme, seen=seen, since=_since(app, since, words=i == 1),
                            direction=direction, helps=helps, sensitivity=sensitivity, anonymous=anon)
        shared.append(trend)
        out.write(f"> {muni} · {theme}\n{trend_saved_text(trend)}\n\n")

    if simulated:
        app.clock.set(now)
    muni, theme, direction, since, seen = HELD
    req = partners[0]
    out.write(f"> {muni} · {theme} (met een telefoonnummer in de tekst)\n")
    try:
        plein.share(req, municipality=muni, theme=theme, seen=seen, since=_since(app, since), direction=direction)
    except PersonalDataFound as found:
        out.write(error_text(found) + "\n> anoniem maken\n")
        pending = app.guard.resolve(found.token, req.user_id, "anonymise")
        trend = plein.intake(replace(req, text=pending.text), pending.payload)
        shared.append(trend)
        out.write(trend_saved_text(trend) + f"\nOpgeslagen tekst: {trend.seen}\n\n")

    out.write("Een onbekende gemeente krijgt een suggestie:\n> gemeente: Almaar\n")
    try:
        plein.prepare(partners[0], {"municipality": "Almaar", "theme": "polarisatie"})
    except LabbotError as err:
        out.write(error_text(err) + "\n\n")

    merged = plein.merge(moderator_req, shared[1].id, shared[0].id)
    out.write(f"De moderator voegt #{shared[1].id} samen met #{shared[0].id}: "
              f"nu {merged.reports} meldingen.\n\n")

    member = Request(user_id="demo:lid", privilege=Privilege.MEMBER)
    out.write("Wat een lid ziet (/plein overzicht, alleen trends voor het netwerk):\n\n")
    out.write(overview_text(plein.overview(member, period="alles"), plein.region) + "\n\n")

    session_id = session_id or _session(app, moderator_req)
    for theme, text in PERSPECTIVES:
        plein.add_perspective(moderator_req, session_id, theme, text)
    picture = plein.compile_picture(moderator_req, session_id=session_id)
    png_path = out_dir / picture.png_name
    if picture.png:
        png_path.write_bytes(picture.png)
    parts = len(picture.chunks)
    out.write(f"Het regionale beeld voor het informatieplein ({parts} {'bericht' if parts == 1 else 'berichten'}):\n\n")
    out.write(picture.markdown + "\n\n")
    out.write(f"Grafiek: {png_path if picture.png else '(geen trends, geen grafiek)'}\n\n")

    out.write("Gepubliceerd in het netwerkkanaal:\n\n")
    out.write(plein.publish_perspectives(moderator_req, session_id) + "\n\n")
    first = plein.perspectives(session_id=session_id)[0]
    draft = plein.promote_perspective(moderator_req, first.id, drafts_dir or out_dir)
    out.write(f"Concept-kennisitem voor de redactie: {draft}\n")
    return {"trends": len(shared), "png": png_path if picture.png else None, "draft": draft,
            "session_id": session_id}
