"""Living lab: sessions, intake, votes and agenda, notes, lessons, reminders, the calendar."""
