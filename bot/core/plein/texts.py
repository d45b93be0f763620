"""The informatieplein's texts (`plein.*`), read from its catalogues `texts.nl.toml` and
`texts.en.toml` beside this module. Importing this module registers nothing: `bot.core.i18n`
loads every catalogue on first use."""

from bot.core.i18n import catalogue

PLEIN_MESSAGES = catalogue("plein")
