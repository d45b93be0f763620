"""Labbot: chat assistant for a Dutch regional CTER network."""

__version__ = "0.1.0"
