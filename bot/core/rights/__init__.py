"""A member's rights (export, erase), retention and the audit log."""
