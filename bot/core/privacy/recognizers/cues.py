"""Names introduced by a cue word: a form of address or a title (meneer Kuipers, mevr. de Boer,
dr. Smit), a role or profession (wijkagent Mulder, afdelingsarts Kooistra), a kinship word (tante
Fatma) or a naming verb (genaamd, heet). After a form of address a capitalised word is a surname even
when it is also a word or a place (meneer Groen, mevrouw van Dongen).

:class:`CueRules` is a mixin of the name finder (names.py); it uses the finder's token tests.
"""

from __future__ import annotations

from bot.core.privacy.recognizers.name_words import (
    ADDRESS_FORMS,
    AFTER_VERB_CUES,
    CAP_PARTICLES,
    FUNCTION_WORDS,
    HONORIFICS,
    KIN,
    ORG_WORDS,
    PARTICLES,
    ROLE_HEADS,
    ROLES,
)


class CueRules:
    """The cue rule; mixed into ``names._Finder``."""

    def is_role(self, i: int) -> bool:
        """A role or profession, also as a compound: 'casemanager', 'afdelingsarts', 'GZ-psycholoog'."""
        t = self.toks[i]
        low = t.low.rstrip(".")
        if low in ROLES:
            return True
        tail = t.raw.rsplit("-", 1)[-1]
        if tail != t.raw and tail.islower() and (tail in ROLES or tail in ROLE_HEADS):
            return True  # 'GZ-psycholoog', 'arts-assistent'
        if (t.cap and not self.sentence_start(i)) or low in self.lex.surnames:
            return False  # 'Aarts' is a surname
        return any(low.endswith(head) and len(low) - len(head) >= 3 for head in ROLE_HEADS)

    def cue_at(self, i: int) -> tuple[int, int]:
        """(start, end) token indices of a name introduced by a cue at i, or (0, 0)."""
        t = self.toks[i]
        low = t.low.rstrip(".")
        is_honorific = low in HONORIFICS
        is_kin = low in KIN
        if low == "door" and i > 0 and self.toks[i - 1].low in AFTER_VERB_CUES:
            is_honorific = True
        if i + 1 >= self.n:
            return 0, 0
        is_role = not (is_honorific or is_kin) and self.is_role(i)
        if not (is_honorific or is_kin or is_role):
            return 0, 0
        g = self.gap(i + 1)
        if g.strip() not in ("", ".", "(", ":", ".(", ",") or len(g) > 4:
            return 0, 0
        j = i + 1
        if self.is_initial(j):
            return 0, 0  # handled by initials_at
        run = j
        while run < self.n and self.toks[run].low in PARTICLES and run - j < 3 and (
                not self.toks[run].cap or self.toks[run].low in CAP_PARTICLES):
            run += 1
        if run >= self.n or (run > j and not self.tight(run)):
            return 0, 0
        cand = self.toks[run]
        lex = self.lex
        if run > j and (any(self.toks[k].cap for k in range(j + 1, run)) or (
                self.toks[j].low in ("in", "op", "uit", "aan", "te") and cand.low in lex.places)):
            return 0, 0  # 'familie in Den Helder', 'vader uit de Bijlmer': where, not who
        if cand.cap:
            # after a cue a capital in mid-sentence marks a name, even when it is also a word (Jasmijn)
            ok = (self.surname_like(cand) or (self.common(cand) and not self.sentence_start(run)
                                              and cand.low not in FUNCTION_WORDS and cand.low not in lex.places
                                              and not self.streetish(cand) and cand.low not in ORG_WORDS
                                              and not cand.allcaps and len(cand.low) >= 3))
            if not ok and (low in ADDRESS_FORMS or is_role) and cand.low in lex.surnames and not cand.allcaps:
                ok = cand.low not in lex.places and not self.streetish(cand)  # juffrouw Bos, wijkagent Mulder
            if run > j and low in ADDRESS_FORMS and not cand.allcaps and cand.low not in ORG_WORDS:
                ok = True  # particles after a form of address: a place name is a surname (meneer van Dongen)
            elif run > j and cand.low in lex.places:
                # 'de jongen van Dongen', 'de wijkagent van Noord': where from; 'wijkagent Van Dongen': who
                ok = self.toks[j].cap and self.top_phrase_len(j) == run - j + 1
            elif is_role:  # 'wijkagent Oost', 'mentor Jeugd': a district or a programme
                ok = ok and cand.low not in lex.places and (
                    cand.low in lex.surnames or self.is_first(cand) or not self.common(cand))
        elif is_role:
            ok = False
        else:
            ok = (is_honorific and run == j and len(cand.low) >= 3 and not self.common(cand)
                  and cand.low not in lex.places)
        if not ok or self.streetish(cand):
            return 0, 0
        end = self.extend(run + 1, not cand.cap)
        if end == -1:
            return 0, 0
        end = max(end, run + 1)
        if self.vetoed_after(end):
            return 0, 0
        return j, end
