"""The domain of Labbot. Never imports discord or apscheduler; every door (Discord, console,
scheduler) calls the services here."""
