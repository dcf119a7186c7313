"""Statement rules: hand-built parses (no model needed) and the reference article (marked ``model``)."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from kgbuild.extract.actors import ActorIndex, extract_actors
from kgbuild.extract.reference import load_reference
from kgbuild.extract.spans import SpanMaker
from kgbuild.extract.statements import RULE_CONFIDENCE, extract_statements, find_quotes
from kgbuild.facts import Article, Statement

PUBLISHED = datetime.date(2025, 5, 24)  # a Saturday: "on Friday" is 2025-05-23
REFERENCE_ARTICLE = Path(__file__).resolve().parents[1].parent / "shared/corpus/seed/prisoner-swap.txt"
NLP = spacy.blank("en")
TAGS = {
    "VERB": "VBD", "AUX": "VBZ", "PRON": "PRP", "PROPN": "NNP", "NOUN": "NN", "ADJ": "JJ", "ADP": "IN",
    "DET": "DT", "PUNCT": ".", "PART": "RP", "NUM": "CD", "SCONJ": "IN", "CCONJ": "CC", "ADV": "RB",
}
RUSSIA, UKRAINE, TRUMP, ZELENSKYY, LAVROV = "Q159", "Q212", "Q22686", "Q3874799", "Q58217"
KOWAL = "person/anna-kowal"


# --- hand-built parses ----------------------------------------------------------------------------


def make_doc(text: str, rows: str) -> Doc:
    """A parsed Doc of ``text`` from one token per line: ``word head dep POS[:TAG] [lemma] [entity]``.

    Heads are absolute token indices, sentences follow the trees; ``lemma`` defaults to the lower-cased
    word and the tag to one per POS ("-" skips a column); ``entity`` is an IOB tag ("B-PERSON").
    Spacing is read off ``text``, which the Doc reproduces exactly.
    """
    words, heads, deps, pos, tags, lemmas, ents, spaces = [], [], [], [], [], [], [], []
    at = 0
    for line in rows.strip().splitlines():
        word, head, dep, part, *rest = line.split()
        lemma, entity = (rest + ["-", "-"])[:2]
        part, _, tag = part.partition(":")
        start = text.index(word, at)
        assert not text[at:start].strip(), f"{word!r} is not next in the text"
        at = start + len(word)
        words.append(word)
        heads.append(int(head))
        deps.append(dep)
        pos.append(part)
        tags.append(tag or ("POS" if word in ("'s", "’s") else TAGS[part]))
        lemmas.append(word.lower() if lemma == "-" else lemma)
        ents.append("O" if entity == "-" else entity)
        spaces.append(text[at : at + 1] == " ")
    doc = Doc(
        NLP.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags, lemmas=lemmas, ents=ents
    )
    assert doc.text == text
    return doc


def read(doc: Doc) -> tuple[list[Statement], ActorIndex]:
    actors = extract_actors(doc, load_reference())
    article = Article(id="test", text=doc.text, published=PUBLISHED)
    return extract_statements(doc, actors, article, SpanMaker(doc)), actors


def only(statements: list[Statement]) -> Statement:
    assert len(statements) == 1, [s.content.text for s in statements]
    return statements[0]


QUOTE_THEN_CUE = make_doc(
    '"We will win," Anna Kowal said.',
    """
    "      8 punct PUNCT
    We     3 nsubj PRON
    will   3 aux AUX:MD
    win    8 ccomp VERB:VB
    ,      8 punct PUNCT
    "      8 punct PUNCT
    Anna   7 compound PROPN - B-PERSON
    Kowal  8 nsubj PROPN - I-PERSON
    said   8 ROOT VERB say
    .      8 punct PUNCT
    """,
)


def test_statements_straight_quote_with_cue():
    statement = only(read(QUOTE_THEN_CUE)[0])
    assert statement.content.text == "We will win"  # inside the marks, without the handing-over comma
    assert (statement.speaker, statement.kind, statement.cue, statement.rule) == (KOWAL, "direct", "say", "quote")
    assert statement.speaker_span.text == "Anna Kowal"
    assert statement.cue_span.text == "said"
    assert statement.evidence.text == QUOTE_THEN_CUE.text
    assert statement.date == PUBLISHED
    assert statement.confidence == RULE_CONFIDENCE["quote"]


def test_statements_curly_quote_with_inverted_speaker():
    doc = make_doc(
        "“The talks failed,” said Anna Kowal.",
        """
        “       6 punct PUNCT
        The     2 det DET
        talks   3 nsubj NOUN talk
        failed  6 ccomp VERB fail
        ,       6 punct PUNCT
        ”       6 punct PUNCT
        said    6 ROOT VERB say
        Anna    8 compound PROPN - B-PERSON
        Kowal   6 nsubj PROPN - I-PERSON
        .       6 punct PUNCT
        """,
    )
    statement = only(read(doc)[0])
    assert (statement.content.text, statement.speaker) == ("The talks failed", KOWAL)


SPLIT_QUOTE = make_doc(
    "“We expect more,” Kowal wrote. “Our goal is peace.”",
    """
    “       7 punct PUNCT
    We      2 nsubj PRON
    expect  7 ccomp VERB:VBP
    more    2 dobj ADJ
    ,       7 punct PUNCT
    ”       7 punct PUNCT
    Kowal   7 nsubj PROPN - B-PERSON
    wrote   7 ROOT VERB write
    .       7 punct PUNCT
    “       12 punct PUNCT
    Our     11 poss PRON:PRP$
    goal    12 nsubj NOUN
    is      12 ROOT AUX be
    peace   12 attr NOUN
    .       12 punct PUNCT
    ”       12 punct PUNCT
    """,
)


def test_statements_split_quote_continues_with_the_same_speaker():
    first, second = read(SPLIT_QUOTE)[0]
    assert (first.content.text, first.rule) == ("We expect more", "quote")
    # the second part has no cue of its own: same speaker and cue, a statement of its own
    assert (second.content.text, second.rule) == ("Our goal is peace.", "quote-continued")
    assert second.speaker == first.speaker == "person/kowal"
    assert (second.cue, second.kind) == ("write", "direct")
    assert second.confidence < first.confidence


def test_statements_colon_attribution_and_medium():
    doc = make_doc(
        "Kowal took to Truth Social: “Congratulations to both sides.”",
        """
        Kowal            1 nsubj PROPN - B-PERSON
        took             1 ROOT VERB take
        to               1 prep ADP
        Truth            4 compound PROPN - B-ORG
        Social           2 pobj PROPN - I-ORG
        :                1 punct PUNCT
        “                8 punct PUNCT
        Congratulations  1 parataxis NOUN congratulation
        to               7 prep ADP
        both             10 det DET
        sides            8 pobj NOUN side
        .                7 punct PUNCT
        ”                7 punct PUNCT
        """,
    )
    statement = only(read(doc)[0])
    assert statement.content.text == "Congratulations to both sides."
    assert (statement.speaker, statement.rule, statement.cue) == ("person/kowal", "quote-colon", "take")
    assert statement.medium == "Truth Social"


def test_statements_unbalanced_mark_loses_only_its_own_quote():
    text = (
        '"A stray mark opens here. Then "a proper quote," she said.\n'
        '"Another good one," he said. A closing mark" is stray here.\n'
        '"An unclosed one, then a paragraph without marks.\n'
        'Plain words.\n'
        '"Multi-paragraph quote that goes on\n'
        '"into the next paragraph," she said.'
    )
    quotes = [text[q.start : q.end] for q in find_quotes(text)]
    assert quotes == [
        "a proper quote,",
        "Another good one,",
        "Multi-paragraph quote that goes on",
        "into the next paragraph,",
    ]


def test_statements_apostrophes_are_not_marks_and_single_quotes_are():
    text = "I can't say Russia's voters' 'big plan' was O'Brien's, she said. 'We will win,' he said."
    assert [text[q.start : q.end] for q in find_quotes(text)] == ["big plan", "We will win,"]


@pytest.mark.parametrize("text", ['"a "b "c "d "e', '"' * 40, "“”" * 20 + "”“", "' ‘ ’ '" * 5, '"', "«»"])
def test_statements_quote_mark_in_every_word_does_not_crash(text):
    tokens = NLP.tokenizer(text)
    words = [t.text for t in tokens]
    doc = Doc(NLP.vocab, words=words, spaces=[bool(t.whitespace_) for t in tokens],
              heads=[0] * len(words), deps=["ROOT"] + ["dep"] * (len(words) - 1), pos=["X"] * len(words))
    find_quotes(text)
    assert read(doc)[0] == []


def test_statements_scare_quote_is_not_a_statement():
    doc = make_doc(
        'The plan ignores what it calls the "root causes" of the war.',
        """
        The      1 det DET
        plan     2 nsubj NOUN
        ignores  2 ROOT VERB:VBZ ignore
        what     5 dobj PRON:WP
        it       5 nsubj PRON
        calls    2 ccomp VERB:VBZ call
        the      9 det DET
        "        9 punct PUNCT
        root     9 compound NOUN
        causes   5 oprd NOUN cause
        "        9 punct PUNCT
        of       9 prep ADP
        the      13 det DET
        war      11 pobj NOUN
        .        2 punct PUNCT
        """,
    )
    assert read(doc)[0] == []


def test_statements_pronoun_speaker_skips_names_inside_quotes():
    doc = make_doc(
        'Anna Kowal spoke. "Marta Lis is wrong," she said.',
        """
        Anna    1 compound PROPN - B-PERSON
        Kowal   2 nsubj PROPN - I-PERSON
        spoke   2 ROOT VERB speak
        .       2 punct PUNCT
        "       12 punct PUNCT
        Marta   6 compound PROPN - B-PERSON
        Lis     7 nsubj PROPN - I-PERSON
        is      12 ccomp AUX be
        wrong   7 acomp ADJ
        ,       12 punct PUNCT
        "       12 punct PUNCT
        she     12 nsubj PRON
        said    12 ROOT VERB say
        .       12 punct PUNCT
        """,
    )
    statement = only(read(doc)[0])
    assert statement.speaker == KOWAL  # not Marta Lis, named inside the quote
    assert statement.speaker_span.text == "she"
    assert statement.confidence <= 0.6
    assert statement.about == ("person/marta-lis",)


def test_statements_i_inside_a_quote_is_never_the_speaker():
    doc = make_doc(
        'Anna Kowal spoke. "I am home," one man said.',
        """
        Anna    1 compound PROPN - B-PERSON
        Kowal   2 nsubj PROPN - I-PERSON
        spoke   2 ROOT VERB speak
        .       2 punct PUNCT
        "       12 punct PUNCT
        I       6 nsubj PRON
        am      12 ccomp AUX be
        home    6 advmod ADV
        ,       12 punct PUNCT
        "       12 punct PUNCT
        one     11 nummod NUM - B-CARDINAL
        man     12 nsubj NOUN
        said    12 ROOT VERB say
        .       12 punct PUNCT
        """,
    )
    statements, actors = read(doc)
    statement = only(statements)
    assert statement.speaker.startswith("anonymous/") and statement.speaker != KOWAL
    speaker = {a.key: a for a in actors.to_facts({t.i: 0 for t in doc})}[statement.speaker]
    assert (speaker.label, speaker.kind, speaker.anonymous) == ("one man", "Person", True)


def test_statements_capital_speaks_for_its_state():
    doc = make_doc(
        "Russia met Ukraine. Moscow says it is ready. Kyiv says that is surrender.",
        """
        Russia     1 nsubj PROPN - B-GPE
        met        1 ROOT VERB meet
        Ukraine    1 dobj PROPN - B-GPE
        .          1 punct PUNCT
        Moscow     5 nsubj PROPN - B-GPE
        says       5 ROOT VERB:VBZ say
        it         7 nsubj PRON
        is         5 ccomp AUX be
        ready      7 acomp ADJ
        .          5 punct PUNCT
        Kyiv       11 nsubj PROPN - B-GPE
        says       11 ROOT VERB:VBZ say
        that       13 nsubj PRON:DT
        is         11 ccomp AUX be
        surrender  13 attr NOUN
        .          11 punct PUNCT
        """,
    )
    moscow, kyiv = read(doc)[0]
    assert (moscow.speaker, moscow.speaker_span.text, moscow.content.text) == (RUSSIA, "Moscow", "it is ready")
    assert (kyiv.speaker, kyiv.content.text) == (UKRAINE, "that is surrender")  # "that" here is a subject


def test_statements_described_speaker_is_an_anonymous_actor():
    doc = make_doc(
        "Kowal's office said the talks had failed.",
        """
        Kowal   2 poss PROPN - B-PERSON
        's      0 case PART
        office  3 nsubj NOUN
        said    3 ROOT VERB say
        the     5 det DET
        talks   7 nsubj NOUN talk
        had     7 aux AUX have
        failed  3 ccomp VERB:VBN fail
        .       3 punct PUNCT
        """,
    )
    statements, actors = read(doc)
    statement = only(statements)
    speaker = {a.key: a for a in actors.to_facts({t.i: 0 for t in doc})}[statement.speaker]
    assert (speaker.label, speaker.kind, speaker.anonymous) == ("Kowal's office", "Organization", True)
    assert statement.speaker_span.text == "Kowal's office"
    assert statement.confidence < RULE_CONFIDENCE["clause"]


@pytest.mark.parametrize(
    "text, rows, speaker, medium",
    [
        (  # a title points back to the person who holds it
            "President Anna Kowal arrived. The president said the talks failed.",
            """
            President  2 compound PROPN
            Anna       2 compound PROPN - B-PERSON
            Kowal      3 nsubj PROPN - I-PERSON
            arrived    3 ROOT VERB arrive
            .          3 punct PUNCT
            The        6 det DET
            president  7 nsubj NOUN
            said       7 ROOT VERB say
            the        9 det DET
            talks      10 nsubj NOUN talk
            failed     7 ccomp VERB fail
            .          7 punct PUNCT
            """,
            KOWAL,
            None,
        ),
        (  # a surname the entity recognizer missed
            "Anna Kowal arrived. Kowal said the talks failed.",
            """
            Anna     1 compound PROPN - B-PERSON
            Kowal    2 nsubj PROPN - I-PERSON
            arrived  2 ROOT VERB arrive
            .        2 punct PUNCT
            Kowal    5 nsubj PROPN
            said     5 ROOT VERB say
            the      7 det DET
            talks    8 nsubj NOUN talk
            failed   5 ccomp VERB fail
            .        5 punct PUNCT
            """,
            KOWAL,
            None,
        ),
        (  # a message speaks for its author, and is the medium
            "Kowal's tweet said the talks failed.",
            """
            Kowal   2 poss PROPN - B-PERSON
            's      0 case PART
            tweet   3 nsubj NOUN
            said    3 ROOT VERB say
            the     5 det DET
            talks   6 nsubj NOUN talk
            failed  3 ccomp VERB fail
            .       3 punct PUNCT
            """,
            "person/kowal",
            "tweet",
        ),
    ],
)
def test_statements_speaker_from_title_missed_name_or_message(text, rows, speaker, medium):
    statement = read(make_doc(text, rows))[0][-1]
    assert (statement.content.text, statement.speaker, statement.medium) == ("the talks failed", speaker, medium)


def test_statements_reported_clause_quoting_a_phrase_is_mixed():
    doc = make_doc(
        'Kowal said the plan was "a disaster".',
        """
        Kowal     1 nsubj PROPN - B-PERSON
        said      1 ROOT VERB say
        the       3 det DET
        plan      4 nsubj NOUN
        was       1 ccomp AUX be
        "         7 punct PUNCT
        a         7 det DET
        disaster  4 attr NOUN
        "         7 punct PUNCT
        .         1 punct PUNCT
        """,
    )
    statement = only(read(doc)[0])
    assert statement.content.text == 'the plan was "a disaster"'
    assert (statement.kind, statement.rule, statement.speaker) == ("mixed", "clause", "person/kowal")


def test_statements_indirect_clause_without_that_and_dated():
    doc = make_doc(
        "On Friday, Anna Kowal said that the talks had failed.",
        """
        On      5 prep ADP
        Friday  0 pobj PROPN - B-DATE
        ,       5 punct PUNCT
        Anna    4 compound PROPN - B-PERSON
        Kowal   5 nsubj PROPN - I-PERSON
        said    5 ROOT VERB say
        that    10 mark SCONJ
        the     8 det DET
        talks   10 nsubj NOUN talk
        had     10 aux AUX have
        failed  5 ccomp VERB:VBN fail
        .       5 punct PUNCT
        """,
    )
    statement = only(read(doc)[0])
    assert statement.content.text == "the talks had failed"
    assert (statement.kind, statement.rule, statement.cue, statement.speaker) == ("indirect", "clause", "say", KOWAL)
    assert statement.date == datetime.date(2025, 5, 23)
    assert statement.speaker_span.text == "Anna Kowal"


def test_statements_according_to():
    doc = make_doc(
        "The talks failed, according to Anna Kowal.",
        """
        The        1 det DET
        talks      2 nsubj NOUN talk
        failed     2 ROOT VERB fail
        ,          2 punct PUNCT
        according  2 prep VERB:VBG accord
        to         4 prep ADP
        Anna       7 compound PROPN - B-PERSON
        Kowal      5 pobj PROPN - I-PERSON
        .          2 punct PUNCT
        """,
    )
    statement = only(read(doc)[0])
    assert (statement.content.text, statement.speaker) == ("The talks failed", KOWAL)
    assert (statement.cue, statement.cue_span.text, statement.rule) == ("according to", "according to", "according-to")


def test_statements_claim_keeps_its_infinitive():
    doc = make_doc(
        "Russia claimed on Friday to have captured a village.",
        """
        Russia    1 nsubj PROPN - B-GPE
        claimed   1 ROOT VERB claim
        on        1 prep ADP
        Friday    2 pobj PROPN - B-DATE
        to        6 aux PART:TO
        have      6 aux AUX:VB have
        captured  1 xcomp VERB:VBN capture
        a         8 det DET
        village   6 dobj NOUN
        .         1 punct PUNCT
        """,
    )
    statement = only(read(doc)[0])
    assert statement.content.text == "to have captured a village"
    assert (statement.speaker, statement.cue, statement.rule) == (RUSSIA, "claim", "infinitive")
    assert statement.kind == "indirect"
    assert statement.date == datetime.date(2025, 5, 23)


@pytest.mark.parametrize(
    "text, rows, medium",
    [
        (
            "Kowal told reporters that the talks had failed.",
            """
            Kowal      1 nsubj PROPN - B-PERSON
            told       1 ROOT VERB tell
            reporters  1 dobj NOUN reporter
            that       7 mark SCONJ
            the        5 det DET
            talks      7 nsubj NOUN talk
            had        7 aux AUX have
            failed     1 ccomp VERB:VBN fail
            .          1 punct PUNCT
            """,
            "reporters",
        ),
        (
            "Kowal wrote on Telegram that the talks had failed.",
            """
            Kowal     1 nsubj PROPN - B-PERSON
            wrote     1 ROOT VERB write
            on        1 prep ADP
            Telegram  2 pobj PROPN - B-ORG
            that      8 mark SCONJ
            the       6 det DET
            talks     8 nsubj NOUN talk
            had       8 aux AUX have
            failed    1 ccomp VERB:VBN fail
            .         1 punct PUNCT
            """,
            "Telegram",
        ),
        (
            "Kowal said in an interview with CNN that the talks had failed.",
            """
            Kowal      1 nsubj PROPN - B-PERSON
            said       1 ROOT VERB say
            in         1 prep ADP
            an         4 det DET
            interview  2 pobj NOUN
            with       4 prep ADP
            CNN        5 pobj PROPN - B-ORG
            that       11 mark SCONJ
            the        9 det DET
            talks      11 nsubj NOUN talk
            had        11 aux AUX have
            failed     1 ccomp VERB:VBN fail
            .          1 punct PUNCT
            """,
            "CNN",
        ),
        (
            "Kowal said in a post on Telegram that the talks had failed.",
            """
            Kowal     1 nsubj PROPN - B-PERSON
            said      1 ROOT VERB say
            in        1 prep ADP
            a         4 det DET
            post      2 pobj NOUN
            on        4 prep ADP
            Telegram  5 pobj PROPN - B-ORG
            that      11 mark SCONJ
            the       9 det DET
            talks     11 nsubj NOUN talk
            had       11 aux AUX have
            failed    1 ccomp VERB:VBN fail
            .         1 punct PUNCT
            """,
            "Telegram",
        ),
    ],
)
def test_statements_medium(text, rows, medium):
    statement = only(read(make_doc(text, rows))[0])
    assert (statement.medium, statement.content.text) == (medium, "the talks had failed")


def test_statements_object_of_a_judgement():
    doc = make_doc(
        "Kowal called the plan a disaster.",
        """
        Kowal     1 nsubj PROPN - B-PERSON
        called    1 ROOT VERB call
        the       3 det DET
        plan      1 dobj NOUN
        a         5 det DET
        disaster  1 oprd NOUN
        .         1 punct PUNCT
        """,
    )
    statement = only(read(doc)[0])
    assert (statement.content.text, statement.cue, statement.rule) == ("the plan a disaster", "call", "object")


def test_statements_report_inside_a_report_is_part_of_it():
    doc = make_doc(
        "Kowal said she believes the talks failed.",
        """
        Kowal     1 nsubj PROPN - B-PERSON
        said      1 ROOT VERB say
        she       3 nsubj PRON
        believes  1 ccomp VERB:VBZ believe
        the       5 det DET
        talks     6 nsubj NOUN talk
        failed    3 ccomp VERB fail
        .         1 punct PUNCT
        """,
    )
    statement = only(read(doc)[0])
    assert (statement.content.text, statement.cue) == ("she believes the talks failed", "say")


def test_statements_headline_with_a_colon():
    doc = make_doc(
        "Kowal: talks have failed",
        """
        Kowal   0 ROOT PROPN - B-PERSON
        :       0 punct PUNCT
        talks   4 nsubj NOUN talk
        have    4 aux AUX have
        failed  0 appos VERB:VBN fail
        """,
    )
    statement = only(read(doc)[0])
    assert (statement.content.text, statement.speaker, statement.rule, statement.cue) == (
        "talks have failed", "person/kowal", "headline", ":"
    )


# --- the reference article ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reference() -> tuple[str, list[Statement], ActorIndex]:
    if not REFERENCE_ARTICLE.is_file():
        pytest.skip(f"reference article not found: {REFERENCE_ARTICLE}")
    from kgbuild.nlp import parse

    text = REFERENCE_ARTICLE.read_text(encoding="utf-8")
    doc = next(parse([text]))
    actors = extract_actors(doc, load_reference())
    article = Article(id="prisoner-swap", text=text, published=PUBLISHED)
    return text, extract_statements(doc, actors, article, SpanMaker(doc)), actors


def find(statements: list[Statement], content_start: str) -> Statement:
    matches = [s for s in statements if s.content.text.startswith(content_start)]
    assert len(matches) == 1, (content_start, [s.content.text for s in statements])
    return matches[0]


@pytest.mark.model
def test_statements_reference_article_direct_quotes(reference):
    _, statements, _ = reference
    tomorrow = find(statements, "Tomorrow we expect more")
    goal = find(statements, "Our goal is to return each and every one of us from Russian captivity.")
    assert tomorrow.speaker == goal.speaker == ZELENSKYY
    assert tomorrow.kind == goal.kind == "direct"
    assert (tomorrow.rule, goal.rule) == ("quote", "quote-continued")
    assert tomorrow.medium == "Telegram"  # carried over from "in a post on social media platform Telegram"

    truth = find(statements, "Congratulations to both sides on this negotiation. This could lead to something big?")
    assert (truth.speaker, truth.medium, truth.kind) == (TRUMP, "Truth Social", "direct")
    assert truth.date == datetime.date(2025, 5, 23)

    home = find(statements, "I can't believe I'm home")
    assert home.speaker.startswith("anonymous/") and home.speaker_span.text == "one man"


@pytest.mark.model
def test_statements_reference_article_reported_speech(reference):
    _, statements, _ = reference
    lavrov = find(statements, "Russia would be ready to hand Ukraine a draft document")
    assert (lavrov.speaker, lavrov.kind, lavrov.cue) == (LAVROV, "indirect", "say")
    assert lavrov.date == datetime.date(2025, 5, 23)
    assert lavrov.speaker_span.text == "Russian Foreign Minister Sergei Lavrov"
    assert find(statements, "it is ceasefire-ready for talks").speaker == RUSSIA
    assert find(statements, "that is tantamount to surrender").speaker == UKRAINE
    for content in ("he is losing patience", "he could tighten sanctions on Moscow", "the prisoner swap —"):
        assert find(statements, content).speaker == TRUMP
    # "suggested the prisoner swap ... could herald": the object the parser split off is part of the clause
    assert find(statements, "the prisoner swap —").content.text.endswith("between Moscow and Kyiv")
    # "Referring to the prisoner swap earlier on Friday, Trump wrote": what he talked about
    [referring] = [s for s in statements if s.content.text == "the prisoner swap"]
    assert (referring.speaker, referring.cue, referring.rule) == (TRUMP, "refer", "topic")
    assert find(statements, "Russia had struck port infrastructure").speaker == "person/oleh-kiper"
    rakivka = find(statements, "to have captured a settlement called Rakivka")
    assert (rakivka.speaker, rakivka.cue, rakivka.date) == (RUSSIA, "claim", datetime.date(2025, 5, 23))
    assert rakivka.content.text == (
        "to have captured a settlement called Rakivka in Ukraine's northeastern Kharkiv region"
    )
    assert find(statements, "they would free more").speaker == RUSSIA  # "Russia and Ukraine ... said"


@pytest.mark.model
def test_statements_reference_article_every_report_is_read(reference):
    text, statements, actors = reference
    # every sentence with a quotation mark or a said/wrote/says/claimed has a statement in it
    cues = {"said", "says", "wrote", "claimed"}
    spans = [(s.evidence.start, s.evidence.end) for s in statements]
    for sentence in re.finditer(r'[^.?!\n]+[.?!]*"?', text):
        words = set(re.findall(r"\w+", sentence.group()))
        if '"' in sentence.group() or cues & words:
            assert any(s <= sentence.start() + 1 < e for s, e in spans), sentence.group()
    # no scare quote: "root causes" is not a statement of its own (it may sit inside a longer report)
    assert not any(s.content.text.strip(' ,"') == "root causes" for s in statements)
    # Moscow "wants to discuss what it calls the war's 'root causes'": reported speech with a quoted phrase
    root_causes = find(statements, "to discuss what it calls")
    assert (root_causes.speaker, root_causes.kind) == (RUSSIA, "mixed")
    # sorted by content, one statement per content span, every speaker an actor of the article
    keys = [(s.content.start, s.content.end) for s in statements]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    facts = {a.key: a for a in actors.to_facts({t.i: 0 for t in actors.doc})}
    assert all(facts[s.speaker].kind in ("Person", "State", "Organization") for s in statements)
    assert all(text[s.content.start : s.content.end] == s.content.text for s in statements)


def test_statements_continued_quote_points_at_its_first_part():
    from kgbuild.extract.statements import link_continuations
    from kgbuild.facts import Statement, TextSpan

    cue = TextSpan(20, 26, 0, "said")
    first = Statement("person/x", TextSpan(1, 10, 0, "first"), "direct", TextSpan(0, 30, 0, "s"), cue_span=cue,
                      rule="quote")
    other = Statement("person/y", TextSpan(40, 50, 1, "other"), "direct", TextSpan(35, 60, 1, "s"),
                      cue_span=TextSpan(52, 56, 1, "said"), rule="quote")
    second = Statement("person/x", TextSpan(62, 80, 2, "second"), "direct", TextSpan(61, 81, 2, "s"), cue_span=cue,
                       rule="quote-continued")
    linked = link_continuations([first, other, second])
    # the continuation belongs to the quote with its speaker and cue, not to the statement just before it
    assert [s.continues for s in linked] == [None, None, 0]


# --- session 2: cues, speakers and quotes added to reach the PolNeAR targets ------------------------


@pytest.mark.parametrize(
    "text, rows, content, cue, rule",
    [
        (  # stance: what the speaker is for
            "Kowal supports the new plan.",
            """
            Kowal     1 nsubj PROPN - B-PERSON
            supports  1 ROOT VERB:VBZ support
            the       4 det DET
            new       4 amod ADJ
            plan      1 dobj NOUN
            .         1 punct PUNCT
            """,
            "the new plan", "support", "object",
        ),
        (  # the small model lemmatises "hoped" as "hop"
            "Kowal hoped to win the vote.",
            """
            Kowal  1 nsubj PROPN - B-PERSON
            hoped  1 ROOT VERB hop
            to     3 aux PART:TO
            win    1 xcomp VERB:VB
            the    5 det DET
            vote   3 dobj NOUN
            .      1 punct PUNCT
            """,
            "to win the vote", "hope", "infinitive",
        ),
        (  # what the speaker talked about
            "Kowal referred to the plan.",
            """
            Kowal     1 nsubj PROPN - B-PERSON
            referred  1 ROOT VERB refer
            to        1 prep ADP
            the       4 det DET
            plan      2 pobj NOUN
            .         1 punct PUNCT
            """,
            "the plan", "refer", "topic",
        ),
    ],
)
def test_statements_stance_intention_and_topic_cues(text, rows, content, cue, rule):
    statement = only(read(make_doc(text, rows))[0])
    assert (statement.content.text, statement.cue, statement.rule) == (content, cue, rule)
    assert (statement.speaker, statement.kind) == ("person/kowal", "indirect")


def test_statements_quote_inside_a_clause_without_a_cue_word():
    doc = make_doc(
        'Kowal proclaimed the plan "a fine piece of work."',
        """
        Kowal       1 nsubj PROPN - B-PERSON
        proclaimed  1 ROOT VERB proclaim
        the         3 det DET
        plan        1 dobj NOUN
        "           7 punct PUNCT
        a           7 det DET
        fine        7 amod ADJ
        piece       1 oprd NOUN
        of          7 prep ADP
        work        8 pobj NOUN
        .           1 punct PUNCT
        "           1 punct PUNCT
        """,
    )
    statement = only(read(doc)[0])
    # the words after the verb whose subject names someone, with the marks of the quote they hold
    assert statement.content.text == 'the plan "a fine piece of work."'
    assert (statement.speaker, statement.kind, statement.cue) == ("person/kowal", "mixed", "proclaim")
    assert (statement.rule, statement.confidence) == ("quote-clause", RULE_CONFIDENCE["quote-clause"])


def test_statements_title_in_quotes_is_not_a_statement():
    doc = make_doc(
        'Kowal watched "The Walking Dead" again.',
        """
        Kowal    1 nsubj PROPN - B-PERSON
        watched  1 ROOT VERB watch
        "        5 punct PUNCT
        The      5 det DET
        Walking  5 compound PROPN
        Dead     1 dobj PROPN
        "        5 punct PUNCT
        again    1 advmod ADV
        .        1 punct PUNCT
        """,
    )
    assert read(doc)[0] == []


def test_statements_short_quote_a_speaker_calls_someone_is_a_statement():
    doc = make_doc(
        'Kowal called Lis "dopey".',
        """
        Kowal   1 nsubj PROPN - B-PERSON
        called  1 ROOT VERB call
        Lis     1 dobj PROPN - B-PERSON
        "       4 punct PUNCT
        dopey   1 oprd ADJ
        "       4 punct PUNCT
        .       1 punct PUNCT
        """,
    )
    statement = only(read(doc)[0])
    # unlike "what it calls the “root causes”", the naming verb's object is someone, not "what"
    assert (statement.content.text, statement.speaker, statement.kind) == ("dopey", "person/kowal", "direct")


def test_statements_place_outside_the_reference_table_that_speaks_is_a_mistyped_name():
    doc = make_doc(
        "Nefzi, a professor, said the mosque was calm.",
        """
        Nefzi      5 nsubj PROPN - B-GPE
        ,          0 punct PUNCT
        a          3 det DET
        professor  0 appos NOUN
        ,          0 punct PUNCT
        said       5 ROOT VERB say
        the        7 det DET
        mosque     8 nsubj NOUN
        was        5 ccomp AUX be
        calm       8 acomp ADJ
        .          5 punct PUNCT
        """,
    )
    statements, actors = read(doc)
    statement = only(statements)
    speaker = {a.key: a for a in actors.to_facts({t.i: 0 for t in doc})}[statement.speaker]
    # a person, because of the apposition "a professor"
    assert (speaker.label, speaker.kind, speaker.anonymous) == ("Nefzi", "Person", False)
    assert statement.content.text == "the mosque was calm"


def test_statements_outer_cue_without_a_speaker_does_not_hide_the_report_inside():
    doc = make_doc(
        "That said, voters say the plan failed.",
        """
        That    1 nsubj PRON:DT
        said    1 ROOT VERB say
        ,       4 punct PUNCT
        voters  4 nsubj NOUN voter
        say     1 ccomp VERB:VBP
        the     6 det DET
        plan    7 nsubj NOUN
        failed  4 ccomp VERB
        .       1 punct PUNCT
        """,
    )
    statement = only(read(doc)[0])
    assert (statement.content.text, statement.speaker_span.text) == ("the plan failed", "voters")


def test_statements_about_links_the_actors_the_content_mentions():
    doc = make_doc(
        "Kowal said Russia attacked Ukraine.",
        """
        Kowal     1 nsubj PROPN - B-PERSON
        said      1 ROOT VERB say
        Russia    3 nsubj PROPN - B-GPE
        attacked  1 ccomp VERB attack
        Ukraine   3 dobj PROPN - B-GPE
        .         1 punct PUNCT
        """,
    )
    statement = only(read(doc)[0])
    assert statement.content.text == "Russia attacked Ukraine"
    assert statement.about == (RUSSIA, UKRAINE)  # not the speaker herself


def test_statements_every_rule_has_a_confidence_below_one():
    assert all(0 < confidence <= 1 for confidence in RULE_CONFIDENCE.values())
    # a quote with a cue is surer than one read off the clause around it or carried over from before
    assert RULE_CONFIDENCE["quote"] > RULE_CONFIDENCE["quote-continued"] > RULE_CONFIDENCE["quote-clause"]


def parse_short(text: str) -> tuple[list[Statement], ActorIndex]:
    from kgbuild.nlp import parse

    doc = next(parse([text]))
    actors = extract_actors(doc, load_reference())
    return extract_statements(doc, actors, Article(id="short", text=text, published=PUBLISHED), SpanMaker(doc)), actors


@pytest.mark.model
def test_statements_multi_paragraph_quote_takes_the_cue_of_its_last_part():
    statements, _ = parse_short(
        'The minister spoke at length.\n"We will rebuild every town.\n"We will not stop," Anna Kowal said.'
    )
    first, last = statements
    # the first paragraph has no closing mark and no cue: the cue after the last part attributes it
    assert (first.content.text, first.speaker, first.cue) == ("We will rebuild every town.", KOWAL, "say")
    assert (last.content.text, last.speaker) == ("We will not stop", KOWAL)


@pytest.mark.model
def test_statements_floating_quote_in_the_next_paragraph_continues_the_speaker():
    statements, _ = parse_short('"The talks failed," Anna Kowal said.\n"Nobody came to the table."')
    first, floating = statements
    assert (floating.content.text, floating.rule) == ("Nobody came to the table.", "quote-continued")
    assert floating.speaker == first.speaker == KOWAL
    assert floating.continues == 0


@pytest.mark.model
def test_statements_no_break_space_before_the_attribution():
    statements, _ = parse_short('"We will win,"\u00a0Anna Kowal said.')
    statement = only(statements)
    assert (statement.content.text, statement.speaker) == ("We will win", KOWAL)


def test_statements_reason_the_parser_hung_on_the_cue_is_part_of_the_content():
    doc = make_doc(
        "Kowal said the plan failed because nobody came.",
        """
        Kowal    1 nsubj PROPN - B-PERSON
        said     1 ROOT VERB say
        the      3 det DET
        plan     4 nsubj NOUN
        failed   1 ccomp VERB fail
        because  7 mark SCONJ
        nobody   7 nsubj PRON
        came     1 advcl VERB come
        .        1 punct PUNCT
        """,
    )
    assert only(read(doc)[0]).content.text == "the plan failed because nobody came"


def test_statements_quote_after_a_participle_report_continues_the_quote():
    doc = make_doc(
        "“We will win,” Kowal said, adding that talks failed. “They lost.”",
        """
        “       7 punct PUNCT
        We      3 nsubj PRON
        will    3 aux AUX:MD
        win     7 ccomp VERB:VB
        ,       7 punct PUNCT
        ”       7 punct PUNCT
        Kowal   7 nsubj PROPN - B-PERSON
        said    7 ROOT VERB say
        ,       7 punct PUNCT
        adding  7 advcl VERB:VBG add
        that    12 mark SCONJ
        talks   12 nsubj NOUN talk
        failed  9 ccomp VERB fail
        .       7 punct PUNCT
        “       16 punct PUNCT
        They    16 nsubj PRON
        lost    16 ROOT VERB lose
        .       16 punct PUNCT
        ”       16 punct PUNCT
        """,
    )
    statements = read(doc)[0]
    assert [s.content.text for s in statements] == ["We will win", "talks failed", "They lost."]
    # "They lost." goes on from the quote before "said", not from what "adding" reports
    assert statements[2].continues == 0
    assert statements[2].cue_span.text == "said"
    assert statements[1].continues is None


def test_statements_clause_after_the_cue_does_not_hide_the_quote_before_it():
    doc = make_doc(
        "“We had written songs,” Kowal said in May of Carrier, whose parent moved jobs.",
        """
        “        8 punct PUNCT
        We       3 nsubj PRON
        had      3 aux AUX:VBD
        written  8 ccomp VERB:VBN write
        songs    3 dobj NOUN song
        ,        8 punct PUNCT
        ”        8 punct PUNCT
        Kowal    8 nsubj PROPN - B-PERSON
        said     8 ROOT VERB say
        in       8 prep ADP
        May      9 pobj PROPN - B-DATE
        of       10 prep ADP
        Carrier  11 pobj PROPN - B-ORG
        ,        12 punct PUNCT
        whose    15 poss DET:WP$
        parent   16 nsubj NOUN
        moved    8 ccomp VERB move
        jobs     16 dobj NOUN job
        .        8 punct PUNCT
        """,
    )
    statements = read(doc)[0]
    # the parser hung "whose parent moved jobs" on "said" too: the quote is still Kowal's
    quote = next(s for s in statements if s.kind == "direct")
    assert (quote.content.text, quote.speaker, quote.rule) == ("We had written songs", "person/kowal", "quote")


def test_statements_two_quotes_around_one_cue_are_one_statement():
    doc = make_doc(
        "“We expect more,” Kowal wrote, “and soon.”",
        """
        “       7 punct PUNCT
        We      2 nsubj PRON
        expect  7 ccomp VERB:VBP
        more    2 dobj ADJ
        ,       7 punct PUNCT
        ”       7 punct PUNCT
        Kowal   7 nsubj PROPN - B-PERSON
        wrote   7 ROOT VERB write
        ,       7 punct PUNCT
        “       7 punct PUNCT
        and     7 cc CCONJ
        soon    7 advmod ADV
        .       7 punct PUNCT
        ”       7 punct PUNCT
        """,
    )
    first, second = read(doc)[0]
    assert (first.content.text, second.content.text) == ("We expect more", "and soon.")
    # the second part has the same cue as the first: it goes on from it (one PolNeAR attribution)
    assert (second.rule, second.cue_span.text, second.speaker) == ("quote", "wrote", "person/kowal")
    assert (first.continues, second.continues) == (None, 0)


def test_statements_scoffed_attributes_the_quote_next_to_it():
    doc = make_doc(
        "“Silly boys never learn,” scoffed Anna Kowal.",
        """
        “       7 punct PUNCT
        Silly   2 amod ADJ
        boys    4 nsubj NOUN boy
        never   4 neg ADV
        learn   7 ccomp VERB:VBP
        ,       7 punct PUNCT
        ”       7 punct PUNCT
        scoffed 7 ROOT VERB scoff
        Anna    9 compound PROPN - B-PERSON
        Kowal   7 nsubj PROPN - I-PERSON
        .       7 punct PUNCT
        """,
    )
    statement = only(read(doc)[0])
    assert (statement.content.text, statement.speaker, statement.cue) == ("Silly boys never learn", KOWAL, "scoff")


def test_statements_quote_signed_with_a_dash():
    doc = make_doc(
        "“Nobody came to the talks.” ― Anna Kowal. “We will try again.” ― Ben Ode",
        """
        “       2 punct PUNCT
        Nobody  2 nsubj PRON
        came    2 ROOT VERB come
        to      2 prep ADP
        the     5 det DET
        talks   3 pobj NOUN talk
        .       2 punct PUNCT
        ”       2 punct PUNCT
        ―       10 punct PUNCT
        Anna    10 compound PROPN - B-PERSON
        Kowal   10 ROOT PROPN - I-PERSON
        .       10 punct PUNCT
        “       15 punct PUNCT
        We      15 nsubj PRON
        will    15 aux AUX:MD
        try     15 ROOT VERB:VB
        again   15 advmod ADV
        .       15 punct PUNCT
        ”       15 punct PUNCT
        ―       21 punct PUNCT
        Ben     21 compound PROPN
        Ode     21 ROOT PROPN
        """,
    )
    first, second = read(doc)[0]
    assert (first.content.text, first.speaker, first.rule) == ("Nobody came to the talks.", KOWAL, "quote-dash")
    # a name the entity recognizer missed signs the quote too, and the second quote does not continue the first
    assert (second.content.text, second.speaker, second.continues) == ("We will try again.", "person/ben-ode", None)


def test_statements_dash_inside_a_sentence_is_no_signature():
    doc = make_doc(
        "“Peace” ― Kowal's word ― is near.",
        """
        “       1 punct PUNCT
        Peace   8 nsubj NOUN
        ”       1 punct PUNCT
        ―       1 punct PUNCT
        Kowal   6 poss PROPN - B-PERSON
        's      4 case PART
        word    1 appos NOUN
        ―       1 punct PUNCT
        is      8 ROOT AUX be
        near    8 acomp ADJ
        .       8 punct PUNCT
        """,
    )
    assert read(doc)[0] == []


def test_statements_short_quote_the_cue_does_not_govern_is_a_scare_quote():
    doc = make_doc(
        "Kowal warned of a “ferocious” battle.",
        """
        Kowal      1 nsubj PROPN - B-PERSON
        warned     1 ROOT VERB warn
        of         1 prep ADP
        a          7 det DET
        “          5 punct PUNCT
        ferocious  7 amod ADJ
        ”          5 punct PUNCT
        battle     2 pobj NOUN
        .          1 punct PUNCT
        """,
    )
    # "ferocious" is no statement of its own: it belongs to what "warned of" reports
    statement = only(read(doc)[0])
    assert (statement.content.text, statement.kind, statement.rule) == ("a “ferocious” battle", "mixed", "topic")


def test_statements_judgement_keeps_what_it_calls_its_object():
    doc = make_doc(
        "Kowal blasted the plan as a “disgrace”.",
        """
        Kowal     1 nsubj PROPN - B-PERSON
        blasted   1 ROOT VERB blast
        the       3 det DET
        plan      1 dobj NOUN
        as        1 prep ADP
        a         7 det DET
        “         7 punct PUNCT
        disgrace  4 pobj NOUN
        ”         7 punct PUNCT
        .         1 punct PUNCT
        """,
    )
    # any judgement ("blasted", "slammed", "praised") carries on with "as" or "for": the object alone says little
    statement = only(read(doc)[0])
    assert (statement.content.text, statement.kind) == ("the plan as a “disgrace”", "mixed")
    assert statement.rule == "object"


def test_statements_misparsed_that_clause_of_a_past_tense_tagged_as_participle():
    doc = make_doc(
        "Kowal tweeted at dawn that the talks failed.",
        """
        Kowal    1 nsubj PROPN - B-PERSON
        tweeted  1 ROOT VERB:VBN tweet
        at       1 prep ADP
        dawn     2 pobj NOUN
        that     7 mark SCONJ
        the      6 det DET
        talks    7 nsubj NOUN talk
        failed   1 advcl VERB fail
        .        1 punct PUNCT
        """,
    )
    # the tagger's participle has a subject (a past tense), the parser's adverbial clause opens with "that"
    statement = only(read(doc)[0])
    assert (statement.content.text, statement.speaker, statement.rule) == ("the talks failed", "person/kowal", "clause")


def test_statements_reported_speech_that_goes_on_in_quotation_marks_is_mixed():
    doc = make_doc(
        "Kowal said talks failed. “Nobody came.”",
        """
        Kowal   1 nsubj PROPN - B-PERSON
        said    1 ROOT VERB say
        talks   3 nsubj NOUN talk
        failed  1 ccomp VERB fail
        .       1 punct PUNCT
        “       7 punct PUNCT
        Nobody  7 nsubj PRON
        came    7 ROOT VERB come
        .       7 punct PUNCT
        ”       7 punct PUNCT
        """,
    )
    clause, quote = read(doc)[0]
    # one statement in two parts, one of them quoted: the part that opens it is mixed, the quote direct
    assert (clause.content.text, clause.kind, clause.rule) == ("talks failed", "mixed", "clause")
    assert (quote.content.text, quote.kind, quote.continues) == ("Nobody came.", "direct", 0)


def test_statements_word_of_the_quote_parsed_as_subject_is_not_the_speaker():
    doc = make_doc(
        "“We will win,” Anna Kowal said.",
        """
        “      8 punct PUNCT
        We     8 nsubj PRON
        will   3 aux AUX:MD
        win    8 ccomp VERB:VB
        ,      8 punct PUNCT
        ”      8 punct PUNCT
        Anna   7 compound PROPN - B-PERSON
        Kowal  8 npadvmod PROPN - I-PERSON
        said   8 ROOT VERB say
        .      8 punct PUNCT
        """,
    )
    # the parser took "We" for the subject of "said": the name between the quote and the cue speaks
    statement = only(read(doc)[0])
    assert (statement.content.text, statement.speaker, statement.rule) == ("We will win", KOWAL, "quote")


def test_statements_cue_that_opens_the_sentence_takes_the_name_after_it():
    doc = make_doc(
        "Said Kowal: “We win.”",
        """
        Said   0 ROOT VERB say
        Kowal  0 dobj PROPN - B-PERSON
        :      0 punct PUNCT
        “      5 punct PUNCT
        We     5 nsubj PRON
        win    0 ccomp VERB:VBP
        .      5 punct PUNCT
        ”      5 punct PUNCT
        """,
    )
    statement = only(read(doc)[0])
    assert (statement.content.text, statement.speaker, statement.cue) == ("We win.", "person/kowal", "say")


def test_statements_quote_outside_a_misparsed_clause_is_not_nested_in_it():
    doc = make_doc(
        "“You winning?” Kowal said, but Ben Ode said yes.",
        """
        “        2 punct PUNCT
        You      2 nsubj PRON
        winning  2 ROOT VERB:VBG win
        ?        2 punct PUNCT
        ”        2 punct PUNCT
        Kowal    6 nsubj PROPN - B-PERSON
        said     11 ccomp VERB say
        ,        11 punct PUNCT
        but      11 cc CCONJ
        Ben      10 compound PROPN - B-PERSON
        Ode      11 nsubj PROPN - I-PERSON
        said     11 ROOT VERB say
        yes      11 dobj INTJ:UH
        .        11 punct PUNCT
        """,
    )
    # the parser made "Kowal said" what Ode said: Kowal's cue is inside that content, her quote is not
    quote = next(s for s in read(doc)[0] if s.kind == "direct")
    assert (quote.content.text, quote.speaker) == ("You winning?", "person/kowal")


def test_statements_characterizing_verbs_are_judgements():
    doc = make_doc(
        "Kowal characterized the plan as “a disaster”.",
        """
        Kowal          1 nsubj PROPN - B-PERSON
        characterized  1 ROOT VERB characterize
        the            3 det DET
        plan           1 dobj NOUN
        as             1 prep ADP
        “              7 punct PUNCT
        a              7 det DET
        disaster       4 pobj NOUN
        ”              7 punct PUNCT
        .              1 punct PUNCT
        """,
    )
    statement = only(read(doc)[0])
    assert (statement.content.text, statement.kind) == ("the plan as “a disaster”", "mixed")
    assert statement.cue == "characterize"


def test_statements_called_someone_something_with_two_predicates():
    doc = make_doc(
        "Kowal called Ode a “liar”.",
        """
        Kowal   1 nsubj PROPN - B-PERSON
        called  1 ROOT VERB call
        Ode     1 oprd PROPN - B-PERSON
        a       5 det DET
        “       5 punct PUNCT
        liar    1 oprd NOUN
        ”       5 punct PUNCT
        .       1 punct PUNCT
        """,
    )
    # the parser labelled the object as a second predicate: still someone called something
    statement = only(read(doc)[0])
    assert (statement.content.text, statement.kind, statement.rule) == ("Ode a “liar”", "mixed", "object")


def test_statements_urged_to_is_a_report_of_its_own_inside_a_clause():
    doc = make_doc(
        "Kowal said talks failed and urged leaders to return.",
        """
        Kowal    1 nsubj PROPN - B-PERSON
        said     1 ROOT VERB say
        talks    3 nsubj NOUN talk
        failed   1 ccomp VERB fail
        and      3 cc CCONJ
        urged    3 conj VERB urge
        leaders  5 dobj NOUN leader
        to       8 aux PART:TO
        return   5 xcomp VERB:VB
        .        1 punct PUNCT
        """,
    )
    # the parser hung "and urged" on the reported clause: what "urged" asks for is a statement of its own
    said, urged = read(doc)[0]
    assert (said.content.text, said.cue) == ("talks failed", "say")
    assert (urged.content.text, urged.cue, urged.rule) == ("leaders to return", "urge", "infinitive")


def test_statements_reported_clause_runs_to_the_end_of_the_quote_it_opens():
    doc = make_doc(
        "Kowal said Ode is “weak. Weak like a baby.”",
        """
        Kowal  1 nsubj PROPN - B-PERSON
        said   1 ROOT VERB say
        Ode    3 nsubj PROPN - B-PERSON
        is     1 ccomp AUX be
        “      3 punct PUNCT
        weak   3 acomp ADJ
        .      1 punct PUNCT
        Weak   7 ROOT ADJ weak
        like   7 prep ADP
        a      10 det DET
        baby   8 pobj NOUN
        .      7 punct PUNCT
        ”      7 punct PUNCT
        """,
    )
    # the parser ended the sentence inside the quote: the content does not stop there
    statement = only(read(doc)[0])
    assert (statement.content.text, statement.kind) == ("Ode is “weak. Weak like a baby.”", "mixed")


def test_statements_report_hung_inside_an_object_is_a_statement_of_its_own():
    doc = make_doc(
        "Kowal accused Ode of lying and urged voters to leave.",
        """
        Kowal    1 nsubj PROPN - B-PERSON
        accused  1 ROOT VERB accuse
        Ode      1 dobj PROPN - B-PERSON
        of       1 prep ADP
        lying    3 pcomp VERB:VBG lie
        and      4 cc CCONJ
        urged    4 conj VERB urge
        voters   6 dobj NOUN voter
        to       9 aux PART:TO
        leave    6 xcomp VERB:VB
        .        1 punct PUNCT
        """,
    )
    accused, urged = read(doc)[0]
    assert (accused.content.text, accused.cue) == ("Ode of lying", "accuse")
    assert (urged.content.text, urged.cue, urged.speaker) == ("voters to leave", "urge", "person/kowal")


def test_statements_second_that_clause_goes_on_with_the_same_report():
    doc = make_doc(
        "Kowal said talks failed and that the data did not show prices fell.",
        """
        Kowal   1 nsubj PROPN - B-PERSON
        said    1 ROOT VERB say
        talks   3 nsubj NOUN talk
        failed  1 ccomp VERB fail
        and     3 cc CCONJ
        that    10 mark SCONJ
        the     7 det DET
        data    10 nsubj NOUN datum
        did     10 aux AUX:VBD do
        not     10 neg PART:RB
        show    3 conj VERB:VB show
        prices  12 nsubj NOUN price
        fell    10 ccomp VERB fall
        .       1 punct PUNCT
        """,
    )
    # "and that ..." is a second clause of what Kowal said, not a report of its own that ends hers
    statement = only(read(doc)[0])
    assert statement.content.text == "talks failed and that the data did not show prices fell"


def test_statements_cue_modifying_a_quoted_word_does_not_attribute_it():
    doc = make_doc(
        "The “super PACs” backed by Kowal grew.",
        """
        The     3 det DET
        “       3 punct PUNCT
        super   3 amod ADJ
        PACs    8 nsubj NOUN pac
        ”       3 punct PUNCT
        backed  3 acl VERB:VBN back
        by      5 agent ADP
        Kowal   6 pobj PROPN - B-PERSON
        grew    8 ROOT VERB grow
        .       8 punct PUNCT
        """,
    )
    # "backed" describes the quoted PACs: Kowal did not say "super PACs"
    assert read(doc)[0] == []
