"""Questions against the knowledge base, answered with sources."""
