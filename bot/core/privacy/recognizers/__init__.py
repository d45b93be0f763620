"""Recognisers of the privacy guard, one module per family of personal data."""
