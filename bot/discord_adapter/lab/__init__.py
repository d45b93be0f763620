"""Discord door for the living lab: /lab commands, queue and vote items, lesson views."""
