"""The weekly digest (network and moderators' variants)."""
