"""Discord door for the informatieplein: /plein and its forms."""
