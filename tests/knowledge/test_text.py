"""Normalisation: folding, chat tokenisation, abbreviations, stemming, compounds, typos, thesaurus."""

from __future__ import annotations

import pytest

from knowledge.lexicon import CompoundSplitter, Speller, Thesaurus, general_lexicon, max_edits
from knowledge.text import (
    STOP_EN,
    STOP_NL,
    DocTokenizer,
    fold,
    looks_english,
    separable_verbs,
    stem_en,
    stem_keys,
    tokenize,
    verb_forms,
)


def norms(text: str) -> list[str]:
    return [t.norm for t in tokenize(text)]


def shares_key(a: str, b: str) -> bool:
    return bool(set(stem_keys(a)) & set(stem_keys(b)))


# -- folding and tokenisation ---------------------------------------------------------------------
def test_fold_removes_case_and_accents():
    assert fold("Cliënt PRIVÉ-adres coördinator") == "client prive-adres coordinator"
    assert fold("ĳsbeer") == "ijsbeer"
    assert fold("’t") == "'t"


def test_tokenize_keeps_original_spelling_and_folds():
    toks = tokenize("De Cliënt belt.")
    assert [t.text for t in toks] == ["De", "Cliënt", "belt"]
    assert [t.norm for t in toks] == ["de", "client", "belt"]


def test_tokenize_chat_contractions_and_apostrophes():
    assert norms("z'n moeder en m'n vader, 't is zo'n gedoe") == [
        "zijn", "moeder", "en", "mijn", "vader", "het", "is", "zo", "een", "gedoe"]
    assert norms("camera’s en collega's") == ["cameras", "en", "collegas"]


def test_tokenize_dotted_abbreviations_elongations_numbers():
    assert norms("m.b.t. de zaak") == ["mbt", "de", "zaak"]
    assert norms("heeeel vervelend!!!") == ["heel", "vervelend"]
    assert norms("1488 en 88, bel 112") == ["1488", "en", "88", "bel", "112"]


def test_tokenize_hyphens_and_slashes():
    toks = tokenize("rechts-extremisme op tiktok/discord, zorg- en veiligheidshuis")
    assert toks[0].norm == "rechtsextremisme" and toks[0].parts == ("rechts", "extremisme")
    assert [t.norm for t in toks[1:]] == ["op", "tiktok", "discord", "zorg", "en", "veiligheidshuis"]


def test_tokenize_sentences_and_clauses():
    toks = tokenize("Ik ben docent. Wat nu, vraag ik me af?")
    assert [t.sentence for t in toks] == [0, 0, 0, 1, 1, 1, 1, 1, 1]
    assert toks[4].clause != toks[5].clause  # the comma ends a clause


def test_tokenize_limits_and_survives_junk():
    assert tokenize("") == []
    assert tokenize("🙂🙂 ??? ...") == []
    assert len(tokenize("woord " * 10_000)) == 400


def test_separable_verbs():
    toks = tokenize("Hoe bouw je contacten op?")
    assert (1, "opbouw") in separable_verbs(toks)
    assert "inschakelen" in norms("om de specialist in te schakelen")
    assert verb_forms("formuleer") == ("formuleren",)
    assert "herkennen" in verb_forms("herken")
    assert "pakken" in verb_forms("pak")


def test_doc_tokenizer_is_fast_path_with_the_same_words():
    tk = DocTokenizer(is_word={"inbreng", "inbrengen"}.__contains__)
    ids = tk.ids("**Hoe** breng je een dilemma in?\nZo'n rechts-extremisme, m.b.t. 1488.")
    words = [tk.words[i][0] for i in ids]
    assert words[:6] == ["hoe", "breng", "je", "een", "dilemma", "in"]
    assert "inbreng" in words  # the separable verb, checked against `is_word`
    assert {"zo", "een", "rechtsextremisme", "mbt", "1488"} <= set(words)
    assert ("rechtsextremisme", ("rechts", "extremisme")) in tk.words


def test_stopwords_are_data():
    assert {"de", "het", "een", "ff", "gewoon", "nou"} <= STOP_NL
    assert {"the", "what", "should"} <= STOP_EN
    assert "radicalisering" not in STOP_NL


def test_looks_english():
    assert looks_english(tokenize("How do I talk to someone who believes in conspiracy theories?"))
    assert not looks_english(tokenize("Hoe praat ik met iemand die in complotten gelooft?"))
    assert not looks_english(tokenize("webinar terugkijken"))


# -- stemming -------------------------------------------------------------------------------------
@pytest.mark.parametrize("a, b", [
    ("radicalisering", "radicaliseren"), ("radicaliseren", "geradicaliseerd"), ("melden", "gemeld"),
    ("signalen", "signaal"), ("symbolen", "symbool"), ("betekent", "betekenen"), ("gelooft", "geloven"),
    ("deelt", "delen"), ("bedreigd", "bedreigen"), ("leerling", "leerlingen"), ("complotten", "complot"),
])
def test_stemming_conflates_inflections(a, b):
    assert shares_key(a, b)


def test_stemming_keeps_ge_words_apart():
    assert not shares_key("gemeente", "menen")  # Snowball alone would make 'gemeente' into 'meen'
    assert not shares_key("gezin", "zin")


def test_english_stem_spells_american_as_british():
    assert stem_en("radicalization") == stem_en("radicalisation") == stem_en("radicalised")


# -- compounds ------------------------------------------------------------------------------------
def test_compound_split_with_linking_morphemes():
    sp = CompoundSplitter({"radicalisering", "signalen", "werker", "jongeren", "wijs"},
                          {"radicalisering", "jongeren", "onder"})
    assert sp.split("radicaliseringssignalen") == ("radicalisering", "signalen")
    assert sp.split("jongerenwerker") == ("jongeren", "werker")
    assert sp.split("onderwijs") == ()  # stop words are never parts
    assert sp.split("kort") == ()


def test_compound_split_prefers_frequent_parts():
    freq = {"gemeente": 5.3, "huis": 5.3, "gemeen": 4.3, "tehuis": 3.3, "vertellen": 4.6, "vert": 2.0,
            "ellen": 3.0}
    words = set(freq)
    sp = CompoundSplitter(words, words, freq=freq)
    assert sp.split("gemeentehuis") == ("gemeente", "huis")
    assert sp.split("vertellen") == ()  # common on its own: not a compound


def test_compound_split_verb_stem_modifier():
    sp = CompoundSplitter({"brief", "dreigen"}, {"dreigen"})
    assert sp.split("dreigbrief") == ("dreig", "brief")


# -- typos ----------------------------------------------------------------------------------------
def test_max_edits_grows_with_length():
    assert [max_edits("x" * n) for n in (3, 4, 5, 7, 13)] == [0, 0, 1, 2, 3]


def test_speller_corrects_within_reach_and_prefers_frequent_words():
    sp = Speller({"radicalisering": 30, "vergunning": 3, "jongeren": 10, "dilemma": 2, "signalen": 5})
    assert sp.correct("radicalisring") == "radicalisering"
    assert sp.correct("vergunnig") == "vergunning"
    assert sp.correct("jongren") == "jongeren"
    assert sp.correct("dillema") == "dilemma"
    assert sp.correct("jongeren") == "jongeren"
    assert sp.correct("xyz") is None  # too short to correct
    assert sp.correct("aardappelsoep") is None  # nothing close


def test_general_lexicon_tells_words_from_typos():
    lex = general_lexicon()
    if not lex:
        pytest.skip("wordfreq is not installed: the matcher runs without a general lexicon")
    assert lex["plakken"] > 3 and "radicalisring" not in lex


# -- thesaurus ------------------------------------------------------------------------------------
def test_thesaurus_is_data_and_loads():
    th = Thesaurus.load()
    assert th.abbreviations["ivm"] == "in verband met"
    assert th.abbreviations["lln"] == "leerlingen"
    assert "complotdenken" in th.synonyms_of("wappie")
    assert "online" in th.synonyms_of("tiktok")  # broader term, one way
    assert "tiktok" not in th.synonyms_of("online")
    assert th.english[stem_en("threat")] == ("bedreiging", "dreiging")
    assert th.english["far right"] == ("rechts-extremisme",)
    assert th.english_max_words >= 3


def test_thesaurus_loads_a_curators_file(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text("groups:\n  - [fiets, rijwiel]\nenglish:\n  bike: fiets\nabbreviations:\n  fts: fiets\n",
                    encoding="utf-8")
    th = Thesaurus.load(path)
    assert th.synonyms_of("fietsen") == {"rijwiel"}
    assert th.english["bike"] == ("fiets",)
    assert th.abbreviations == {"fts": "fiets"}
