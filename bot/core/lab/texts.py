"""The living lab's texts (`lab.*`, `time.*`), read from its catalogues `texts.nl.toml` and
`texts.en.toml` beside this module. Importing this module registers nothing: `bot.core.i18n`
loads every catalogue on first use."""

from bot.core.i18n import catalogue

LAB_MESSAGES = catalogue("lab")
