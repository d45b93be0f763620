"""The privacy guard runs the detector once per text of an intake, not twice."""

import pytest

import bot.core.guard as guard_module
from bot.core.guard import PersonalDataFound, PrivacyGuard


def counting_detect(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = guard_module.detect

    def detect(text):
        seen.append(text)
        return real(text)

    monkeypatch.setattr(guard_module, "detect", detect)
    return seen


def test_clean_text_is_detected_once(monkeypatch, clock):
    seen = counting_detect(monkeypatch)
    PrivacyGuard(clock).check("discord:1", "question", "Hoe ga ik het gesprek aan?", {"title": "Gesprek"})
    assert sorted(seen) == ["Gesprek", "Hoe ga ik het gesprek aan?"]


def test_held_text_is_detected_once_and_findings_are_masked(monkeypatch, clock):
    seen = counting_detect(monkeypatch)
    text = "Bel Wouter-Jan Brinkhorst op 06-12345678 over de leerling."
    with pytest.raises(PersonalDataFound) as err:
        PrivacyGuard(clock).check("discord:1", "item", text, {"title": "Zorg", "anonymous": True})
    assert sorted(seen) == sorted([text, "Zorg"])
    assert err.value.findings and all("06-12345678" not in masked for _, masked in err.value.findings)
