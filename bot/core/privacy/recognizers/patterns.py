"""Shape-based recognisers: e-mail, web links, social-media handles, postcodes, licence plates."""

from __future__ import annotations

import re

from bot.core.privacy.lexicon import fold, lexicon

Span = tuple[int, int, str]

# ---------------------------------------------------------------- e-mail and links
# letters of any script in the local part and the domain (josé@..., çelik@..., IDN domains)
_EMAIL_LOCAL = r"(?<![\w.+\-])[^\W_](?:[\w.%+\-']{0,62}[\w])?"
_EMAIL = re.compile(
    _EMAIL_LOCAL + r"@[^\W_](?:[\w\-]{0,62}[^\W_])?(?:\.[^\W_](?:[\w\-]{0,62}[^\W_])?)*"
    r"\.[A-Za-z]{2,24}(?![\w\-])"
)
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.I)
# a profile link names an account: the user name is a handle
_SOCIAL_URL = re.compile(
    r"(?:instagram\.com|tiktok\.com|twitter\.com|x\.com|facebook\.com|fb\.com|t\.me|telegram\.me|"
    r"youtube\.com|threads\.net|twitch\.tv|snapchat\.com/add|reddit\.com/u(?:ser)?|linkedin\.com/in)"
    r"/@?([A-Za-z0-9_.\-]{2,60})",
    re.I,
)
# a WhatsApp click-to-chat link carries the phone number itself
_WHATSAPP_URL = re.compile(r"(?:wa\.me/|whatsapp\.com/send/?\?phone=)\+?([0-9]{8,15})", re.I)
_NOT_PROFILE = {"p", "reel", "reels", "watch", "status", "groups", "events", "share", "hashtag", "explore",
                "search", "channel", "c", "video", "tag", "joinchat", "s", "i", "home", "login", "stories"}


# an address at a mail provider written without its top-level domain ("j.jansen@gmail") still
# reaches the person; only the large providers, so that "info@gemeente" in a sentence stays clean
_PROVIDER_EMAIL = re.compile(
    _EMAIL_LOCAL + r"@(?:gmail|googlemail|hotmail|outlook|live|msn|icloud|me|"
    r"yahoo|protonmail|proton|ziggo|kpnmail|kpnplanet|planet|xs4all|home|hetnet|casema|upcmail|chello|"
    r"telenet|skynet|gmx|web)(?![\w.@\-])",
    re.I,
)


def find_emails(text: str) -> list[Span]:
    return [(m.start(), m.end(), "EMAIL") for rx in (_EMAIL, _PROVIDER_EMAIL) for m in rx.finditer(text)]


# the @ and the dot written out so that a pattern misses them: jan(at)mail.nl, jan [at] mail [dot] nl,
# jan at mail dot nl, jan @ mail . nl ('punt' is the Dutch 'dot')
# 'apenstaartje' is the Dutch name of the sign, '(a)' an old way of writing it
_AT_WORD = r"(?:apenstaartje|apenstaart|at-teken)"
_AT_BRACKETED = rf"\s*[(\[{{<]\s*(?:at|@|a|{_AT_WORD})\s*[)\]}}>]\s*"
_DOT_BRACKETED = r"\s*[(\[{<]\s*(?:dot|punt|\.)\s*[)\]}>]\s*"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?"
_LOCAL_PART = r"[A-Za-z0-9](?:[A-Za-z0-9._%+\-]{0,62}[A-Za-z0-9_])?"
# the dots of the local part may be spaced as well: "lisa . veenstra @ gmail . com"
_LOCAL = rf"(?<![\w.+\-]){_LOCAL_PART}(?: \. {_LOCAL_PART})*"
_HIDDEN_EMAIL = re.compile(
    rf"{_LOCAL}(?P<at>{_AT_BRACKETED}|\s+(?:at|AT|At|{_AT_WORD})\s+|\s+@\s*|\s*@\s+)"
    rf"{_LABEL}(?:(?:{_DOT_BRACKETED}|\s+(?:dot|DOT|punt|PUNT)\s+|\s?\.\s?){_LABEL})*"
    rf"(?P<dot>{_DOT_BRACKETED}|\s+(?:dot|DOT|Dot|punt|PUNT)\s+|\s?\.\s?)(?P<tld>[A-Za-z]{{2,24}})(?![A-Za-z0-9\-])",
    re.I,
)
# top-level domains seen in Dutch chat; the bare ' at ' form is only taken with one of these
_COMMON_TLDS = {"nl", "be", "com", "net", "org", "eu", "de", "fr", "uk", "info", "nu", "io", "me", "co", "biz",
                "ma", "tr", "pl", "sr", "es", "it", "ch", "at", "online", "email", "mail", "live"}


def find_obfuscated_emails(text: str) -> list[Span]:
    """E-mail addresses with the @ or the dot written out or spaced (run after :func:`find_emails`)."""
    out: list[Span] = []
    for m in _HIDDEN_EMAIL.finditer(text):
        at = m.group("at")
        bracketed = "(" in at or "[" in at or "{" in at or "<" in at or "apenstaart" in at.lower()
        if not bracketed and m.group("tld").lower() not in _COMMON_TLDS:
            continue
        out.append((m.start(), m.end(), "EMAIL"))
    return out


def find_urls(text: str) -> tuple[list[tuple[int, int]], list[Span]]:
    """All links (blanked before the other recognisers run), the handles inside profile links and the
    phone numbers inside WhatsApp links."""
    links: list[tuple[int, int]] = []
    handles: list[Span] = []
    for m in _URL.finditer(text):
        end = m.end()
        while end > m.start() and text[end - 1] in ".,;:!?)]}":
            end -= 1
        links.append((m.start(), end))
        s = _SOCIAL_URL.search(text, m.start(), end)
        if s and s.group(1).lower().rstrip(".") not in _NOT_PROFILE:
            handles.append((s.start(1), s.end(1), "HANDLE"))
        w = _WHATSAPP_URL.search(text, m.start(), end)
        if w:
            handles.append((w.start(1), w.end(1), "PHONE", "phone: number in a WhatsApp link"))
    return links, handles


# ---------------------------------------------------------------- handles
# not after a word character, nor inside a Discord mention such as <@123> or <@&456>
_HANDLE = re.compile(r"(?<![\w@.+\-<])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,38}[A-Za-z0-9_])?)")
_SOCIAL_CONTEXT = re.compile(
    r"\b(?:insta(?:gram)?|ig|tiktok|tik tok|telegram|twitter|facebook|fb|snap(?:chat)?|youtube|yt|"
    r"kanaal|kanalen|account|accounts|profiel|profielen|gamertag|discord|twitch|reddit|threads|bluesky|"
    r"mastodon|gebruikersnaam|username|handle|volgers|followers|volgt|posts?|post|pagina|stories|story|"
    r"dm|dm'?s|vlogs?|streamer|influencer|filmpjes|video'?s|reels?|online|app|groep(?:je)?|chat)\b",
    re.I,
)
_X_CONTEXT = re.compile(r"\b[Oo]p X\b|\bX \(|\(X\)|\bX-account")
_ROLE_WORDS = frozenset("""
everyone here all allen allemaal iedereen moderator moderators mod mods moderatie admin admins
administrator beheer beheerder beheerders team teams bestuur organisatie staff coordinator coordinatoren
coördinator coördinatoren kernteam leden lid deelnemers sprekers nieuwkomers nieuw nieuwe werkgroep
helpdesk support bot labbot kanaal channel secretariaat redactie trainers trainer facilitators
jongerenwerk jongerenwerkers wijkagenten docenten leerkrachten professionals experts netwerk
livinglab lab labs regio noord oost zuid west centrum gemeente gemeenten politie onderwijs zorg
""".split())
_ROLE_SUFFIXES = ("ers", "ors", "isten", "ten", "leden", "team", "teams", "groep", "raad", "lab", "labs",
                  "overleg", "netwerk", "commissie", "werk", "zorg")


def find_handles(text: str) -> list[Span]:
    out: list[Span] = []
    lex = None
    for m in _HANDLE.finditer(text):
        name = m.group(1).rstrip(".")
        end = m.start(1) + len(name)
        low = name.lower()
        if end < len(text) and text[end] == "-" and end + 1 < len(text) and text[end + 1].isalpha():
            continue  # @werkgroep-onderwijs: a role, platforms allow no hyphen
        if low in _ROLE_WORDS or len(name) < 2:
            continue
        window = text[max(0, m.start() - 70):min(len(text), end + 50)]
        has_context = bool(_SOCIAL_CONTEXT.search(window) or _X_CONTEXT.search(window))
        marked = any(ch.isdigit() or ch in "_." for ch in name)
        if not (marked or has_context):
            if lex is None:
                lex = lexicon()
            if fold(low) in lex.common or low.endswith(_ROLE_SUFFIXES) or len(name) < 3:
                continue
        out.append((m.start(), end, "HANDLE"))
    return out


# an account named without @ after the platform: "snap: daan_123", "Discord: naam#1234",
# "zijn Discord-naam is stille.wolf07"; taken only when the name is shaped like an account
# (a digit, an underscore, a dot inside or a Discord tag), so "insta: nog niet gecheckt" stays clean
_PLATFORM = re.compile(
    r"\b(?:insta(?:gram)?|ig|tiktok|tik tok|snap(?:chat)?|telegram|discord|twitter|threads|twitch|bluesky|"
    r"kik|reddit|roblox|steam|gamertag|gebruikersnaam|username|accountnaam|schermnaam)"
    r"(?:[- ]?(?:naam|account|profiel|handle|id|tag))?\b",
    re.I,
)
# the text says outright that the word is a user name: then any word that is not a common one
_NAME_CUE = re.compile(r"(?:naam|username|gamertag|handle|tag)$", re.I)
_CONNECTOR = re.compile(r"[:,]|\s(?:is|was|als|heet|onder)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")
_ACCOUNT = re.compile(r"\s*([A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?(?:#[0-9]{4})?)(?![\w@])")


def _account_shaped(name: str) -> bool:
    letters = sum(ch.isalpha() for ch in name)
    marked = any(ch.isdigit() or ch == "_" for ch in name) or "." in name.strip(".") or "#" in name
    return marked and letters >= 2 and not re.fullmatch(r"[0-9]+[.,]?[0-9]*[A-Za-z]{0,3}", name)


def _said_name(name: str) -> bool:
    """A word given as a user name: lower case (as new Discord names are), not a common word."""
    return len(name) >= 4 and name.islower() and fold(name) not in lexicon().common


def find_named_handles(text: str) -> list[Span]:
    """Accounts named after a platform without the @ (see above)."""
    out: list[Span] = []
    for cue in _PLATFORM.finditer(text):
        stop = _SENTENCE_END.search(text, cue.end(), cue.end() + 60)
        seg_end = stop.start() if stop else min(len(text), cue.end() + 60)
        starts = [cue.end()] + [c.end() for c in _CONNECTOR.finditer(text, cue.end(), seg_end)]
        said = bool(_NAME_CUE.search(cue.group()))
        for pos in starts:
            m = _ACCOUNT.match(text, pos, seg_end)
            if m and (_account_shaped(m.group(1)) or (said and pos > cue.end() and _said_name(m.group(1)))):
                out.append((m.start(1), m.end(1), "HANDLE"))
                break
    return out


# ---------------------------------------------------------------- postcode
_POSTCODE = re.compile(r"(?<![\w\-/.,])([1-9][0-9]{3})( ?)([A-Za-z]{2})(?![\w\-])")
_POSTCODE_CUE = re.compile(r"\b(?:postcode|pc|adres|woont|wonen|woonachtig|ingeschreven)\b\W{0,12}$", re.I)
# a post-office box or freepost number is an organisation's postal address ("Postbus 1234, 3500 AB")
_POSTBOX = re.compile(r"\b(?:postbus|antwoordnummer|p\.?\s?o\.?\s?box)\s*[0-9]+\W{0,3}$", re.I)
_ACRONYMS = {"OM", "EU", "NL", "VS", "UK", "AI", "ID", "TV", "PC", "OK", "CT", "ER", "DE", "EN", "IN",
             "OP", "IS", "HET", "AN", "MB", "GB", "KB", "PM", "AM", "JR", "SR", "NR", "BV", "NV", "TB", "KM", "KG", "HZ"}
_UNITS = {"km", "kg", "mg", "ml", "cm", "mm", "gb", "mb", "kb", "tb", "pk", "kw", "mw", "hz", "cc", "jr"}


def find_postcodes(text: str) -> list[Span]:
    out: list[Span] = []
    lex = None
    for m in _POSTCODE.finditer(text):
        digits, space, letters = m.groups()
        up = letters.upper()
        if up in ("SA", "SD", "SS") or (letters.islower() and letters in _UNITS):
            continue
        if _POSTBOX.search(text[max(0, m.start() - 30):m.start()]):
            continue
        cue = bool(_POSTCODE_CUE.search(text[max(0, m.start() - 30):m.start()]))
        if space:
            if not letters.isupper():
                # "2021 en", "1969 is": lower case after a space only with a cue or a place after it
                if lex is None:
                    lex = lexicon()
                if fold(letters) in lex.common:
                    continue
                nxt = re.match(r"\s+([^\W\d_]+)", text[m.end():m.end() + 40])
                place_after = bool(nxt and nxt.group(1)[0].isupper() and fold(nxt.group(1)) in lex.places)
                if not (cue or place_after):
                    continue
            elif up in _ACRONYMS and not cue and digits[:2] in ("19", "20"):
                continue
        elif not letters.isupper() and not letters.islower():
            continue  # 1234Ab: not a postcode shape one writes
        out.append((m.start(), m.end(), "POSTCODE"))
    return out


# ---------------------------------------------------------------- licence plates
_SIDECODES = ("LL-DD-DD", "DD-DD-LL", "DD-LL-DD", "LL-DD-LL", "LL-LL-DD", "DD-LL-LL", "DD-LLL-D",
              "D-LLL-DD", "LL-DDD-L", "L-DDD-LL", "LLL-DD-L", "L-DD-LLL", "D-LL-DDD", "DDD-LL-D")


def _sidecode_regex(letter: str, dash: str) -> str:
    parts = []
    for code in _SIDECODES:
        groups = code.split("-")
        parts.append(dash.join(
            (f"{letter}{{{len(g)}}}" if g[0] == "L" else f"[0-9]{{{len(g)}}}") for g in groups
        ))
    return "|".join(parts)


_CONSONANT = "[A-Z]"  # issued plates skip vowels, but people quote made-up ones such as AB-123-C
_PLATE_NOT = re.compile(
    r"(?:dossier|zaak|kenmerk|ref|referentie|code|project|artikel|nr|nummer|versie|model|type|formulier)"
    r"\W{0,3}$", re.I)
_PLATE_STRICT = re.compile(rf"(?<![\w\-/])(?:{_sidecode_regex(_CONSONANT, '-')})(?![\w\-/])")
_PLATE_DASHED = re.compile(rf"(?<![\w\-/])(?:{_sidecode_regex('[A-Za-z]', '-')})(?![\w\-/])")
_PLATE_SOLID = re.compile(rf"(?<![\w\-/])(?:{_sidecode_regex('[A-Za-z]', '')})(?![\w\-/])")
_VEHICLE_CUE = re.compile(
    r"\b(?:kenteken|kentekens|kentekenplaat|nummerbord|nummerplaat|auto|busje|bestelbus|bestelauto|"
    r"wagen|scooter|motor|brommer|voertuig|car|license plate|rdw)\b", re.I)
_PLATE_CUE = re.compile(r"\b(?:kenteken|kentekens|kentekenplaat|nummerbord|nummerplaat|license plate|rdw)\b", re.I)


def find_plates(text: str) -> list[Span]:
    found = {(m.start(), m.end()) for m in _PLATE_STRICT.finditer(text)
             if not _PLATE_NOT.search(text[max(0, m.start() - 20):m.start()])}
    # lower case, vowels or no dashes: only when the text speaks of a vehicle or plate
    for rx, cue in ((_PLATE_DASHED, _VEHICLE_CUE), (_PLATE_SOLID, _PLATE_CUE)):
        for m in rx.finditer(text):
            if (m.start(), m.end()) in found:
                continue
            if cue.search(text[max(0, m.start() - 40):m.start()]):
                found.add((m.start(), m.end()))
    return [(s, e, "PLATE") for s, e in sorted(found)]
