"""Door: the live iCalendar feed of sessions over HTTP (aiohttp), read-only."""
