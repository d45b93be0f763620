"""Why the guard masked what it masked, and what it passed over on purpose: for a curator.

    explain("Bel mevrouw Kuipers op 045-5231234")
    -> [{"start": 12, "end": 19, "type": "PERSON", "value": "K***", "rule": "person: after cue 'mevrouw'",
         "disguised": False}, {... "type": "PHONE", "rule": "phone: libphonenumber" ...}]

``disguised`` says the value was read through the normaliser (format characters, wide or foreign
digits, look-alike letters). Records of kind ``kept`` name a look-alike that was deliberately not
masked (an organisation's phone number, a known organisation or place) and why.
"""

from __future__ import annotations

from .detector import detect
from .masking import mask_value
from .normalise import normalise


def explain(text: str) -> list[dict]:
    """One record per detection (``kind`` "masked") and per look-alike passed over (``kind`` "kept"),
    in text order. Values are masked; the text itself is never echoed."""
    kept: list[tuple[int, int, str]] = []
    records = [{"kind": "masked", "start": d.start, "end": d.end, "type": d.type,
                "value": mask_value(d.type, d.text), "rule": d.rule,
                "disguised": normalise(d.text).text != d.text}
               for d in detect(text, kept)]
    records += [{"kind": "kept", "start": s, "end": e, "type": None, "value": None, "rule": why,
                 "disguised": False} for s, e, why in kept]
    return sorted(records, key=lambda r: (r["start"], r["end"]))
