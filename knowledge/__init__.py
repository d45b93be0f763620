"""Pure knowledge layer: curated entries, the matcher and the summariser.

Nothing in this package imports Discord, APScheduler or the bot's storage.
"""
