"""Questions against the knowledge base, answered with sources.

The public face: `QuestionService` (ask, feedback, and the read models the digest uses),
`KnowledgeBase` (the curated entries and the lessons, searched by the matcher) and `answer_text`.
"""

from bot.core.ask.kb import KnowledgeBase
from bot.core.ask.questions import QuestionService
from bot.core.ask.render import answer_text

__all__ = ["KnowledgeBase", "QuestionService", "answer_text"]
