"""Discord door for questions: /vraag, /kennis and the feedback buttons."""
