"""Personal-data guard: detect, redact and preview personal data in Dutch chat text.

    from bot.core.privacy import detect, redact, mask_preview, Detection, PII_TYPES
"""

from .detector import PII_TYPES, PLACEHOLDERS, Detection, detect, mask_preview, redact

__all__ = ["PII_TYPES", "PLACEHOLDERS", "Detection", "detect", "mask_preview", "redact"]
