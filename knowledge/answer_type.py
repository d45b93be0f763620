"""Expected answer type: a question that asks for an amount expects a paragraph that states one.

"Hoeveel casussen ...", "hoe lang blijft ...", "wat kost ...", "how many ...": the answer is a number,
a duration, a frequency or a price. A knowledge entry on the question's topic whose closest
paragraph states none of these cannot answer it, however close it comes in meaning; the abstention
reads this as the feature `amount_unmet` (`knowledge.abstain`). This is the classic answer-type
check of question answering, with the interrogatives of Dutch and English grammar and the ways a
Dutch text states an amount; nothing here is taken from a question set.
"""

from __future__ import annotations

import re

# interrogatives that ask for a quantity, a duration, a frequency, an age, a time or a price
_ASKS_AMOUNT = re.compile(
    r"\b(?:hoeveel|hoe\s+(?:lang|vaak|oud|duur|groot|laat|snel)|wat\s+kost\w*|welk\s+bedrag|"
    r"how\s+(?:many|much|long|often|old|soon)|what\s+(?:does|do)\s+\w+\s+cost)\b",
    re.I,
)
_NUMBER_WORD = (r"(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig|dertig|veertig|"
                r"vijftig|honderd|duizend|enkele|een\s+paar)")
_UNIT = r"(?:dag|dagen|we(?:e|)k(?:en)?|maand(?:en)?|jaar|jaren|uur|uren|minuten|euro|procent|keer)"
# digits, a number word with a unit, or a word that states a frequency or a price
_STATES_AMOUNT = re.compile(
    rf"\d|\b{_NUMBER_WORD}\s+{_UNIT}\b|\b(?:dagelijks|wekelijks|maandelijks|jaarlijks|gratis|kosteloos)\b",
    re.I,
)


def asks_amount(question: str) -> bool:
    """Whether the question asks for an amount (how many, how long, how often, what it costs)."""
    return bool(_ASKS_AMOUNT.search(question))


def states_amount(text: str) -> bool:
    """Whether a paragraph states an amount: a digit, a number word with a unit, a frequency or a price."""
    return bool(_STATES_AMOUNT.search(text))
