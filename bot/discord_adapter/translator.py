"""English localisation of the Dutch slash commands (names and descriptions)."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.discord_adapter.lab.translations import LAB_EN
from bot.discord_adapter.plein.cog import EN_PLEIN

# Dutch source text -> English. Command and option names must be lowercase, no spaces.
EN: dict[str, str] = {
    "vraag": "ask",
    "Stel een vraag aan de kennisbank van het netwerk": "Ask the network's knowledge base a question",
    "Je vraag, in je eigen woorden": "Your question, in your own words",
    "kennis": "knowledge",
    "Kennisbank van het netwerk": "The network's knowledge base",
    "zoek": "search",
    "Zoek in de kennisbank": "Search the knowledge base",
    "term": "term",
    "Waar zoek je naar?": "What are you looking for?",
    "toon": "show",
    "Toon een kennisitem": "Show a knowledge entry",
    "item": "entry",
    "Titel of id van het kennisitem": "Title or id of the knowledge entry",
    "privacy": "privacy",
    "Jouw gegevens bij Labbot": "Your data in Labbot",
    "mijn-gegevens": "my-data",
    "Alles wat Labbot over jou bewaart, als bestand": "Everything Labbot keeps about you, as a file",
    "verwijder": "erase",
    "Wis wat je bij Labbot hebt ingebracht": "Erase what you handed in to Labbot",
    "beheer": "admin",
    "Beheer van Labbot": "Labbot administration",
    "audit": "audit",
    "Lees het auditlog van moderator- en beheeracties": "Read the audit log of moderator and admin actions",
    "aantal": "count",
    "Hoeveel regels (standaard 20)": "How many lines (default 20)",
    "digest": "digest",
    "Het weekoverzicht van het netwerk": "The network's weekly digest",
    "nu": "now",
    "Post het weekoverzicht van deze week nu (moderatoren)": "Post this week's digest now (moderators)",
    "moderatoren": "moderators",
    "De moderatorenversie naar het moderatorenkanaal": "The moderators' version, to the moderators' channel",
    "voorbeeld": "preview",
    "Bekijk het weekoverzicht privé, zonder te posten": "See the weekly digest privately, without posting",
    "outbox": "outbox",
    "Niet afgeleverde berichten, of zet er één opnieuw klaar": "Messages not delivered, or queue one again",
    "id": "id",
    "Het nummer van het bericht om opnieuw klaar te zetten": "The number of the message to queue again",
}

EN.update(EN_PLEIN)
EN.update(LAB_EN)

# Parameter names whose Dutch word is also a command name.
EN_PARAMETERS: dict[str, str] = {"vraag": "question"}

ENGLISH = {discord.Locale.american_english, discord.Locale.british_english}


class LabbotTranslator(app_commands.Translator):
    async def translate(
        self, string: app_commands.locale_str, locale: discord.Locale, context: app_commands.TranslationContext
    ) -> str | None:
        if locale in ENGLISH:
            if string.extras.get("en"):  # a Dutch word with two meanings carries its English along
                return string.extras["en"]
            if context.location is app_commands.TranslationContextLocation.parameter_name:
                return EN_PARAMETERS.get(string.message) or EN.get(string.message)
            return EN.get(string.message)
        return None
