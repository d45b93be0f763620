"""Door: the same operations in a terminal (`labbot console`), one command table."""
