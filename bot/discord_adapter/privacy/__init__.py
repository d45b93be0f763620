"""Discord door for privacy: the guard's choices, /privacy export and erase."""
