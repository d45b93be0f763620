"""Discord door for the digest: /digest."""
