"""Query analysis: a question becomes weighted query words, each with its ways to match.

A word scores with its best alternative, so a word never counts twice:

- the word itself (weight 1), and the verb it belongs to ("bouw ... op" -> "opbouwen",
  "herken" -> "herkennen");
- when the index does not know the word: its hyphen or compound parts (`W_COMPOUND`, scored as
  the mean of the parts), the typo-corrected word (`W_TYPO`), its English-to-Dutch translation;
- thesaurus synonyms and broader terms (`W_SYNONYM`, or `W_SYNONYM_ONLY` when they are the only
  evidence), never worth more than the word itself would be.

English questions (more English than Dutch function words) are translated phrase by phrase through
the thesaurus glossary; untranslated words are kept, since many English words of the field are
also Dutch ("online", "webinar").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .bm25f import FieldIndex
from .lexicon import CompoundSplitter, Speller, Thesaurus
from .text import (
    STOP_EN,
    STOP_NL,
    Token,
    looks_english,
    separable_verbs,
    stem_en,
    stem_keys,
    tokenize,
    verb_forms,
)

W_SYNONYM = 0.6
W_SYNONYM_ONLY = 0.8  # synonyms of a word the index does not know are its only evidence
W_TYPO = 0.85
W_COMPOUND = 0.8
W_ENGLISH = 1.0
SPELL_MAX_ZIPF = 3.0  # words at least this frequent in general Dutch are never "corrected"
SPEC_LO, SPEC_HI, SPEC_MIN = 3.0, 5.5, 0.5  # see `QueryAnalyzer._specificity`
MAX_QUERY_CHARS = 4000  # only this much is analysed; the matcher does not answer longer input


@dataclass
class Alt:
    """One way a query word can match: the keys of each of its words (slots), and a weight."""

    slots: tuple[tuple[str, ...], ...]  # every slot should match (mean); a slot matches on any key
    weight: float
    label: str = ""  # "" for the word itself, else the form it was matched through


@dataclass
class QueryWord:
    """A content word of the question (or an English phrase), with its alternatives."""

    text: str
    weight: float
    norm: str = ""
    alts: list[Alt] = field(default_factory=list)
    idf: float = 0.0  # reference informativeness of the word (see `_finish`)


class QueryAnalyzer:
    """Turns questions into `QueryWord`s against one index (see the module docstring)."""

    def __init__(self, index: FieldIndex, thesaurus: Thesaurus, lexicon: dict[str, float],
                 speller: Speller, splitter: CompoundSplitter) -> None:
        self.index = index
        self.thesaurus = thesaurus
        self.lexicon = lexicon
        self.speller = speller
        self.splitter = splitter
        self.idf_unknown = index.idf_unknown
        self._slot_cache: dict[str, tuple[tuple[str, ...], ...]] = {}

    def _known(self, word: str) -> tuple[str, ...]:
        return tuple(k for k in stem_keys(word) if k in self.index.kid)

    def _slots(self, text: str) -> tuple[tuple[str, ...], ...]:
        """Index keys of a (thesaurus) text: one slot per content word, the word's stem keys."""
        hit = self._slot_cache.get(text)
        if hit is None:
            hit = tuple(stem_keys(t.norm) for t in tokenize(text) if t.norm not in STOP_NL)
            if len(self._slot_cache) < 20_000:
                self._slot_cache[text] = hit
        return hit

    def _expand(self, tokens: list[Token]) -> list[Token]:
        out: list[Token] = []
        for t in tokens:
            exp = self.thesaurus.abbreviations.get(t.norm)
            if exp and exp != t.norm:
                out.extend(t._replace(norm=x.norm, parts=x.parts) for x in tokenize(exp))
            else:
                out.append(t)
        return out

    def analyse(self, query: str) -> list[QueryWord]:
        """The question as weighted query words with their alternatives."""
        tokens = self._expand(tokenize(query[:MAX_QUERY_CHARS]))
        words = self._english(tokens) if looks_english(tokens) else self._dutch(tokens)
        merged: dict[str, QueryWord] = {}
        for w in words:
            key = w.alts[0].slots[0][0] if w.alts else "?" + w.text.casefold()
            if key in merged:
                merged[key].weight = min(2.0, merged[key].weight + 0.5 * w.weight)
            else:
                merged[key] = w
        return [self._finish(w) for w in merged.values()]

    def _dutch(self, tokens: list[Token]) -> list[QueryWord]:
        norms = [t.norm for t in tokens]
        forms: dict[int, list[str]] = {}
        for j, joined in separable_verbs(tokens):  # 'hoe bouw je contacten op' -> 'opbouwen'
            if self._known(joined) or any(self._known(f) for f in verb_forms(joined)):
                forms.setdefault(j, []).append(joined)
        phrase_syn: dict[int, set[str]] = {}
        for size in range(self.thesaurus.phrase_max_words, 1, -1):
            for i in range(len(tokens) - size + 1):
                syns = self.thesaurus.synonyms.get(" ".join(norms[i:i + size]))
                if syns:
                    phrase_syn.setdefault(i + size - 1, set()).update(syns)
        out = []
        for i, t in enumerate(tokens):
            if t.norm in STOP_NL or (len(t.norm) < 2 and not t.norm.isdigit()):
                continue
            if t.norm in STOP_EN and not self._known(t.norm):
                continue
            out.append(self._word(t, phrase_syn.get(i, set()), forms.get(i, ())))
        return out

    def _word(self, t: Token, extra_syn: set[str], joined: Iterable[str] = ()) -> QueryWord:
        w = QueryWord(t.text, 1.0, t.norm)
        sources = [t.norm]
        base = self._known(t.norm)
        if base:
            w.alts.append(Alt((base,), 1.0))
        for form in (*joined, *([] if base else verb_forms(t.norm))):
            keys = self._known(form) or next((self._known(f) for f in verb_forms(form) if self._known(f)), ())
            if keys:  # the same verb: 'bouw ... op' is 'opbouwen', 'herken' is 'herkennen'
                w.alts.append(Alt((keys,), 1.0, form))
                sources.append(form)
        if not base and len(w.alts) == 0:
            if t.parts:
                parts = [p for p in t.parts if p not in STOP_NL and len(p) > 1]
                if parts:
                    w.alts.append(Alt(tuple(stem_keys(p) for p in parts), W_COMPOUND, "+".join(parts)))
            dutch = self.thesaurus.english.get(stem_en(t.norm))
            for d in dutch or ():
                w.alts.append(Alt(self._slots(d), W_ENGLISH, d))
            fixed = self.speller.correct(t.norm) if self._typo_candidate(t.norm) else None
            if fixed == t.norm:
                fixed = None  # a thesaurus word that no entry uses: its synonyms speak for it
            if fixed is None and t.norm.endswith("e") and self._known(t.norm + "n"):
                fixed = t.norm + "n"  # chat drops the final -n: 'terugkijke', 'kunne'
            if fixed:
                w.alts.append(Alt((stem_keys(fixed),), W_TYPO, fixed))
                sources.append(fixed)
            elif not t.parts:
                parts = self.splitter.split(t.norm)
                if parts:
                    w.alts.extend(self._compound_alts(parts))
        syns = set(extra_syn)
        for s in sources:
            syns |= self.thesaurus.synonyms_of(s)
        weight = W_SYNONYM if base else W_SYNONYM_ONLY
        for s in sorted(syns - set(sources)):
            slots = self._slots(s)
            if slots:
                w.alts.append(Alt(slots, weight, s))
        return w

    def _compound_alts(self, parts: tuple[str, ...]) -> list[Alt]:
        """A compound matches as the mean of its parts; a part may also be replaced by one of its
        one-word synonyms ('evenementen' + 'toestemming', 'desinformatie' + 'berichten')."""
        slots = [stem_keys(p) for p in parts]
        out = [Alt(tuple(slots), W_COMPOUND, "+".join(parts))]
        for i, part in enumerate(parts):
            for s in sorted(self.thesaurus.synonyms_of(part)):
                syn = self._slots(s)
                if len(syn) == 1:
                    label = "+".join((*parts[:i], s, *parts[i + 1:]))
                    out.append(Alt((*slots[:i], syn[0], *slots[i + 1:]), W_SYNONYM, label))
        return out

    def _typo_candidate(self, word: str) -> bool:
        """Only words that are not common Dutch words are corrected ('plakken' is not a typo)."""
        return self.lexicon.get(word, 0.0) < SPELL_MAX_ZIPF

    def _english(self, tokens: list[Token]) -> list[QueryWord]:
        stems = [stem_en(t.norm) for t in tokens]
        out = []
        i = 0
        while i < len(tokens):
            for size in range(min(self.thesaurus.english_max_words, len(tokens) - i), 0, -1):
                dutch = self.thesaurus.english.get(" ".join(stems[i:i + size]))
                if dutch:
                    text = " ".join(t.text for t in tokens[i:i + size])
                    w = QueryWord(text, 1.0, "", [Alt(self._slots(d), W_ENGLISH, d) for d in dutch])
                    for d in dutch:
                        for s in sorted(self.thesaurus.synonyms_of(d)):
                            w.alts.append(Alt(self._slots(s), W_SYNONYM, s))
                    out.append(w)
                    i += size
                    break
            else:
                t = tokens[i]
                i += 1
                if t.norm not in STOP_EN and (len(t.norm) > 1 or t.norm.isdigit()):
                    out.append(self._word(t, set()))
        return out

    def _finish(self, w: QueryWord) -> QueryWord:
        """Drop empty alternatives and set the word's reference IDF.

        The reference IDF is the word's own IDF when the index knows it, otherwise that of its
        best alternative (a typo or translation should not make a question look off-topic),
        otherwise the IDF of a word found in no entry.
        """
        w.alts = [a for a in w.alts if a.slots and all(a.slots)]
        if w.alts and not w.alts[0].label:
            w.idf = max(self.index.idf_of(k) for k in w.alts[0].slots[0])
            return w
        best = 0.0
        for a in w.alts:
            if a.label and a.weight >= W_TYPO:
                idfs = [max((self.index.idf_of(k) for k in slot if k in self.index), default=0.0)
                        for slot in a.slots]
                if all(idfs):
                    best = max(best, sum(idfs) / len(idfs))
        w.idf = best or self.idf_unknown * self._specificity(w)
        return w

    def _specificity(self, w: QueryWord) -> float:
        """How specific a word unknown to the index is in general Dutch: 1 for rare words (Zipf up to
        `SPEC_LO`), falling linearly to `SPEC_MIN` for common ones (Zipf `SPEC_HI`): a question about
        a 'sanctielijst' is about something the base lacks; 'gooien' or 'onzin' say little."""
        if not self.lexicon:
            return 1.0
        z = self.lexicon.get(w.norm, 0.0)
        return min(1.0, max(SPEC_MIN, (SPEC_HI - z) / (SPEC_HI - SPEC_LO)))
