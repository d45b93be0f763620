"""Informatieplein: trends, the regional picture, perspectives, export.

The public face: `PleinService` (with its read models `trends`, `overview`, `picture`), the plain
data it returns and the renderers the doors use. The rest is private to this package.
"""

from bot.core.plein.models import Overview, Perspective, Picture, Trend
from bot.core.plein.service import PleinService

__all__ = ["Overview", "Perspective", "Picture", "PleinService", "Trend"]
