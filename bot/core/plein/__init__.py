"""Informatieplein: trends, the regional picture, perspectives, export."""
