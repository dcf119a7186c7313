"""The PolNeAR scorer, on a tiny synthetic corpus written here (never on copied PolNeAR data)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from kgbuild.evaluation.polnear import (
    Document,
    GoldAttribution,
    PredictedStatement,
    dice,
    exact_key,
    has_quote_marks,
    load_corpus,
    match,
    name_tokens,
    predictions_from_facts,
    score,
    span_tokens,
    tokenize,
    write_errors,
)
from kgbuild.facts import Actor, Article, ArticleFacts, Statement, TextSpan

REAL_DEV = Path(__file__).parents[1].parent / "shared" / "eval" / "polnear" / "dev"

ALPHA = (
    "Minister speaks on economy\n"
    '"The economy is strong," Minister Jane Smith said, "and it will grow." '
    "She said that taxes would fall. According to the U.N., growth is slowing. "
    "Critics argue the plan fails.\n"
)
BETA = "Beta headline\nOfficials said 'the deal is done.' The mayor's office said it won't close.\n"


def at(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    i = text.index(needle, start)
    return i, i + len(needle)


def t_line(tid: str, label: str, text: str, *spans: tuple[int, int]) -> str:
    offsets = ";".join(f"{s} {e}" for s, e in spans)
    surface = " ".join(text[s:e] for s, e in spans)
    return f"{tid}\t{label} {offsets}\t{surface}"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """polnear/metadata.tsv and polnear/dev/{text,attributions}: two articles, alpha with two annotators."""
    root = tmp_path / "polnear"
    dev = root / "dev"
    (dev / "text").mkdir(parents=True)
    (dev / "attributions").mkdir()
    (dev / "text" / "alpha_story.txt").write_bytes(ALPHA.encode("utf-8"))
    (dev / "text" / "beta_story.txt").write_bytes(BETA.encode("utf-8"))

    said1 = at(ALPHA, "said")
    said2 = at(ALPHA, "said", said1[1])
    alpha_a = [
        # E1: a direct quote interrupted by its source and cue (a discontinuous content span)
        t_line("T1", "Source", ALPHA, at(ALPHA, "Minister Jane Smith")),
        t_line("T2", "Cue", ALPHA, said1),
        t_line("T3", "Content", ALPHA, at(ALPHA, '"The economy is strong,"'), at(ALPHA, '"and it will grow."')),
        t_line("T4", "Attribution", ALPHA, said1),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        # E2: indirect speech with a pronoun source
        t_line("T5", "Source", ALPHA, at(ALPHA, "She")),
        t_line("T6", "Cue", ALPHA, said2),
        t_line("T7", "Content", ALPHA, at(ALPHA, "that taxes would fall")),
        t_line("T8", "Attribution", ALPHA, said2),
        "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7",
        # E3: "according to" with an initialism source
        t_line("T9", "Cue", ALPHA, at(ALPHA, "According to")),
        t_line("T10", "Source", ALPHA, at(ALPHA, "the U.N.")),
        t_line("T11", "Content", ALPHA, at(ALPHA, "growth is slowing")),
        t_line("T12", "Attribution", ALPHA, at(ALPHA, "According to")),
        "E3\tAttribution:T12 Cue:T9 Source:T10 Content:T11",
        # E4: a named (common noun) source
        t_line("T13", "Source", ALPHA, at(ALPHA, "Critics")),
        t_line("T14", "Cue", ALPHA, at(ALPHA, "argue")),
        t_line("T15", "Content", ALPHA, at(ALPHA, "the plan fails")),
        t_line("T16", "Attribution", ALPHA, at(ALPHA, "argue")),
        "E4\tAttribution:T16 Content:T15 Cue:T14 Source:T13",
        # a span the annotator discarded: not an attribution
        t_line("T17", "Discard", ALPHA, at(ALPHA, "Minister speaks")),
        # an attribution without any part: skipped
        t_line("T18", "Attribution-no-source", ALPHA, at(ALPHA, "speaks")),
        "E5\tAttribution-no-source:T18 ",
    ]
    # The second annotator (sorted after "aaaa") saw only one attribution: loaded, but not scored.
    alpha_b = [
        t_line("T1", "Content", ALPHA, at(ALPHA, "growth is slowing")),
        t_line("T2", "Cue", ALPHA, at(ALPHA, "According to")),
        t_line("T3", "Attribution-no-source", ALPHA, at(ALPHA, "According to")),
        "E1\tAttribution-no-source:T3 Content:T1 Cue:T2",
    ]
    said_b1 = at(BETA, "said")
    said_b2 = at(BETA, "said", said_b1[1])
    beta = [
        t_line("T1", "Source", BETA, at(BETA, "Officials")),
        t_line("T2", "Cue", BETA, said_b1),
        t_line("T3", "Content", BETA, at(BETA, "'the deal is done.'")),
        t_line("T4", "Attribution", BETA, said_b1),
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
        t_line("T5", "Source", BETA, at(BETA, "The mayor's office")),
        t_line("T6", "Cue", BETA, said_b2),
        t_line("T7", "Content", BETA, at(BETA, "it won't close")),
        t_line("T8", "Attribution", BETA, said_b2),
        "E2\tAttribution:T8 Source:T5 Cue:T6 Content:T7",
    ]
    for name, lines in (("alpha_story_bbbb", alpha_b), ("alpha_story_aaaa", alpha_a), ("beta_story_cccc", beta)):
        (dev / "attributions" / f"{name}.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")

    header = "compartment\tfilename\tlevel\tannotators\tpublisher\tpublication_date\tauthor\ttitle\n"
    rows = [
        "train\talpha_story\tNone\tzzzz\tnowhere\t2001-01-01\tNone\tWrong compartment\n",
        "dev\talpha_story\tNone\taaaa|bbbb\texample-news\t2016-09-12\tA. Writer\tMinister speaks on economy\n",
        "dev\tbeta_story\tNone\tcccc\tNone\tNone\tNone\tBeta headline\n",
    ]
    (root / "metadata.tsv").write_text(header + "".join(rows), encoding="utf-8")
    return dev


def predictions() -> dict[str, list[PredictedStatement]]:
    """Six predictions; the expected matches are worked out in the comments."""

    def span(text: str, needle: str) -> tuple[int, int]:
        return at(text, needle)

    p1 = span(ALPHA, 'The economy is strong," Minister Jane Smith said, "and it will grow')
    return {
        "alpha_story": [
            # p1 vs E1: gold tokens {The economy is strong and it will grow} = 8, predicted adds
            # {Minister Jane Smith said} = 12, common 8: Dice 16/20 = 0.8. Exact: the gold outer extent
            # trimmed of quotes/punctuation runs from "The" to "grow", as does p1. Speaker "Smith" right.
            PredictedStatement(*p1, speaker_text="Smith", speaker_label="Jane Smith", kind="direct"),
            # p2 vs E2: {taxes would fall} vs {that taxes would fall}: Dice 6/7, not exact. The gold
            # source "She" is a pronoun: not counted for speaker accuracy.
            PredictedStatement(*span(ALPHA, "taxes would fall"), speaker_text="She", speaker_label="Jane Smith"),
            # p3 vs E3: exact. Gold source "the U.N." gives the name token "un", found in the alias "UN".
            PredictedStatement(
                *span(ALPHA, "growth is slowing"), speaker_label="United Nations", speaker_aliases=("UN",)
            ),
            # p4 vs E4: {Critics argue the plan fails} vs {the plan fails}: Dice 6/8, not exact.
            # Speaker wrong: "critics" is not among {minister, jane, smith}.
            PredictedStatement(
                *span(ALPHA, "Critics argue the plan fails"), speaker_text="Minister Jane Smith", kind="indirect"
            ),
            # p5: the title, overlapping nothing: a false alarm (and a direct one).
            PredictedStatement(*span(ALPHA, "Minister speaks on economy"), speaker_text="Smith", kind="direct"),
        ],
        "beta_story": [
            # p6 vs beta E1: exact (the single quotation marks are trimmed); speaker right.
            # Beta E2 ("it won't close") is not predicted: a miss.
            PredictedStatement(*span(BETA, "the deal is done"), speaker_text="Officials", kind="direct"),
        ],
        "not_in_corpus": [PredictedStatement(0, 5, speaker_text="Nobody")],  # ignored
    }


def test_evaluation_polnear_loads_documents_offsets_and_metadata(corpus: Path) -> None:
    docs = load_corpus(corpus)
    assert [d.name for d in docs] == ["alpha_story", "beta_story"]
    alpha, beta = docs
    assert alpha.text == ALPHA and alpha.split == "dev"
    assert alpha.published == datetime.date(2016, 9, 12)  # the dev row, not the train one
    assert alpha.publisher == "example-news" and alpha.title == "Minister speaks on economy"
    assert beta.published is None and beta.publisher is None

    # both annotators are loaded; the first in sorted order is the one scored
    assert alpha.annotators == ("aaaa", "bbbb") and alpha.annotator == "aaaa"
    assert len(alpha.attributions) == 5 and len(alpha.gold) == 4
    assert all(g.annotator == "aaaa" for g in alpha.gold)
    assert [g.id for g in alpha.gold] == ["E1", "E2", "E3", "E4"]  # E5 has no content: skipped

    e1, e2, e3, e4 = alpha.gold
    assert [ALPHA[s:e] for s, e in e1.content_spans] == ['"The economy is strong,"', '"and it will grow."']
    assert e1.content_text == '"The economy is strong," "and it will grow."'
    assert [ALPHA[s:e] for s, e in e1.source_spans] == ["Minister Jane Smith"]
    assert e1.source_text == "Minister Jane Smith" and e1.cue_text == "said"
    assert ALPHA[e1.cue_spans[0][0] : e1.cue_spans[0][1]] == "said"
    assert e2.source_text == "She" and e2.content_text == "that taxes would fall"
    assert e3.source_text == "the U.N." and e4.content_text == "the plan fails"

    other = [a for a in alpha.attributions if a.annotator == "bbbb"]
    assert len(other) == 1 and other[0].source_spans == () and other[0].source_text is None
    assert other[0].content_text == "growth is slowing"

    assert [(g.content_text, g.source_text) for g in beta.gold] == [
        ("'the deal is done.'", "Officials"),
        ("it won't close", "The mayor's office"),
    ]
    assert [g.has_quote_marks for g in alpha.gold + beta.gold] == [True, False, False, False, True, False]


def test_evaluation_polnear_metadata_next_to_the_folder_and_absent(corpus: Path) -> None:
    (corpus.parent / "metadata.tsv").rename(corpus / "metadata.tsv")
    assert load_corpus(corpus)[0].published == datetime.date(2016, 9, 12)
    (corpus / "metadata.tsv").unlink()
    assert all(d.published is None for d in load_corpus(corpus))


def test_evaluation_polnear_quote_marks_definition() -> None:
    quoted = ['"Yes," he', "“Yes”", "«oui»", "''Yes,''", "'Terrifying.'", "Trump ‘Mocking’ Clinton", "was 'right'"]
    for text in quoted:
        assert has_quote_marks(text), text
    for text in ["don't", "Clinton’s team", "the voters' choice", "the U.N.'s record", "it won't close"]:
        assert not has_quote_marks(text), text


def test_evaluation_polnear_tokens_and_dice() -> None:
    text = "Taxes, he said, would fall."
    tokens = tokenize(text)
    assert [text[s:e] for s, e in tokens] == ["Taxes", "he", "said", "would", "fall"]
    # a span cutting a word still takes the whole token it overlaps
    assert {text[s:e] for s, e in span_tokens(tokens, [(0, 3)])} == {"Taxes"}
    gold = span_tokens(tokens, [(0, 6), (16, 27)])  # "Taxes," + "would fall." -> 3 tokens
    pred = span_tokens(tokens, [(0, 26)])  # all 5 tokens
    assert dice(gold, pred) == pytest.approx(2 * 3 / (3 + 5))
    assert dice(frozenset(), frozenset()) == 0.0


def test_evaluation_polnear_exact_key_trims_quotes_and_punctuation() -> None:
    text = 'He said: “Hello, world!” and left.'
    inner = at(text, "Hello, world")
    assert exact_key(text, [at(text, " “Hello, world!” ")]) == inner
    assert exact_key(text, [inner]) == inner
    # a discontinuous span counts by its outer extent
    assert exact_key(text, [at(text, "He"), at(text, "left.")]) == (0, text.index("left") + 4)


def test_evaluation_polnear_greedy_matching_takes_highest_dice_first() -> None:
    text = "one two three four five six seven eight nine ten"
    gold = [GoldAttribution("d", "a", "E1", (at(text, "one two three four"),))]
    weaker = PredictedStatement(*at(text, "one two three four five six"))  # Dice 8/10 = 0.8
    stronger = PredictedStatement(*at(text, "one two three four five"))  # Dice 8/9
    pairs = match(text, gold, [weaker, stronger])
    assert [(p.gold, p.predicted) for p in pairs] == [(0, 1)]
    assert pairs[0].dice == pytest.approx(8 / 9)

    # one prediction spanning two gold attributions matches at most one of them
    gold2 = [
        GoldAttribution("d", "a", "E1", (at(text, "one two three"),)),
        GoldAttribution("d", "a", "E2", (at(text, "four five six seven"),)),
    ]
    wide = PredictedStatement(*at(text, "one two three four five six seven"))
    pairs = match(text, gold2, [wide])
    assert [(p.gold, p.predicted) for p in pairs] == [(1, 0)]  # Dice 8/11 beats 6/10

    # the threshold: {three four five six} shares 2 of gold's 4 tokens: Dice 4/8 = 0.5 matches;
    # {four ... ten} shares 1: Dice 2/11 does not
    assert len(match(text, gold, [PredictedStatement(*at(text, "three four five six"))])) == 1
    assert match(text, gold, [PredictedStatement(*at(text, "four five six seven eight nine ten"))]) == []

    # exact matching ignores surrounding punctuation but not a missing word
    text2 = 'x "a b c." y'
    g = [GoldAttribution("d", "a", "E1", (at(text2, '"a b c."'),))]
    assert len(match(text2, g, [PredictedStatement(*at(text2, "a b c"))], exact=True)) == 1
    assert match(text2, g, [PredictedStatement(*at(text2, "b c"))], exact=True) == []


def test_evaluation_polnear_precision_recall_and_speaker_accuracy(corpus: Path) -> None:
    docs = load_corpus(corpus)
    scores = score(docs, predictions())
    # 6 gold (alpha 4 from annotator aaaa, beta 2), 6 predictions (the unknown document is ignored)
    # overlap matches: p1-E1, p2-E2, p3-E3, p4-E4, p6-betaE1 = 5 -> P = R = F1 = 5/6
    assert (scores.overlap.matched, scores.overlap.gold, scores.overlap.predicted) == (5, 6, 6)
    assert scores.overlap.precision == pytest.approx(5 / 6)
    assert scores.overlap.recall == pytest.approx(5 / 6)
    assert scores.overlap.f1 == pytest.approx(5 / 6)
    # exact matches: p1, p3, p6 = 3 -> P = R = 0.5
    assert scores.exact.matched == 3
    assert scores.exact.precision == pytest.approx(0.5) and scores.exact.recall == pytest.approx(0.5)
    # speaker: p1 right, p2 excluded (gold "She"), p3 right (U.N. ~ UN), p4 wrong, p6 right -> 3/4
    assert (scores.speaker.correct, scores.speaker.total, scores.speaker.matched) == (3, 4, 5)
    assert scores.speaker.accuracy == pytest.approx(0.75)


def test_evaluation_polnear_direct_quote_subset(corpus: Path) -> None:
    scores = score(load_corpus(corpus), predictions())
    # gold with quotation marks: alpha E1, beta E1 (2); direct predictions: p1, p5, p6 (3)
    # matches: p1-E1 and p6-betaE1, both also exact -> P = 2/3, R = 1, F1 = 0.8
    for prf in (scores.direct_overlap, scores.direct_exact):
        assert (prf.matched, prf.gold, prf.predicted) == (2, 2, 3)
        assert prf.precision == pytest.approx(2 / 3) and prf.recall == 1.0 and prf.f1 == pytest.approx(0.8)
    assert (scores.direct_speaker.correct, scores.direct_speaker.total) == (2, 2)


def test_evaluation_polnear_pronoun_and_name_tokens() -> None:
    for source in ["he", "She", "who", "his", "some of them", "It"]:
        assert name_tokens(source) == frozenset(), source
    assert name_tokens("Mr. Obama") == {"obama"}
    assert name_tokens("the U.N.") == {"un"}
    assert name_tokens("The Trump campaign") == {"trump", "campaign"}
    text = "Trump said it was fine. He said so."
    pronoun = GoldAttribution(
        "d", "a", "E1", (at(text, "it was fine"),), source_spans=(at(text, "He"),), source_text="He"
    )
    named = GoldAttribution("d", "a", "E2", (at(text, "so"),), source_spans=(at(text, "Trump"),), source_text="Trump")
    resolved = PredictedStatement(*at(text, "it was fine"), speaker_text="he", speaker_label="Donald Trump")
    doc = Document("d", text, annotator="a", attributions=(pronoun, named))
    scores = score([doc], {"d": [resolved, PredictedStatement(*at(text, "so"), speaker_label="Donald Trump")]})
    assert scores.overlap.matched == 2
    assert (scores.speaker.correct, scores.speaker.total) == (1, 1)  # only the named gold source counts


def test_evaluation_polnear_format_and_as_dict(corpus: Path) -> None:
    scores = score(load_corpus(corpus), predictions())
    text = scores.format()
    assert text.splitlines()[0] == "PolNeAR dev: 2 articles, 6 gold attributions, 6 predicted"
    assert "all (overlap)" in text and "direct (exact)" in text
    assert "speaker accuracy  0.75 (3/4 matched, non-pronoun gold source" in text
    data = scores.as_dict()
    assert data["documents"] == 2
    assert data["all"]["exact"]["precision"] == pytest.approx(0.5)
    assert data["direct"]["overlap"]["recall"] == 1.0
    json.dumps(data)


def test_evaluation_polnear_rejects_misaligned_predictions(corpus: Path) -> None:
    docs = load_corpus(corpus)
    bad = PredictedStatement(0, 5, content_text="Something else")
    with pytest.raises(ValueError, match="does not match"):
        score(docs, {"alpha_story": [bad]})
    with pytest.raises(ValueError, match="out of range"):
        score(docs, {"alpha_story": [PredictedStatement(0, 10_000)]})


def test_evaluation_polnear_write_errors(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "errors.jsonl"
    counts = write_errors(out, load_corpus(corpus), predictions())
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert counts == {"miss": 1, "false_alarm": 1, "wrong_speaker": 1, "boundary": 2}
    assert len(records) == 5
    by_type = {r["type"]: r for r in records}
    assert by_type["miss"]["doc"] == "beta_story"
    assert by_type["miss"]["content"] == "it won't close" and by_type["miss"]["source"] == "The mayor's office"
    assert by_type["false_alarm"]["predicted_content"] == "Minister speaks on economy"
    assert by_type["false_alarm"]["speaker"] == "Smith"
    assert by_type["wrong_speaker"]["source"] == "Critics"
    assert by_type["wrong_speaker"]["speaker"] == "Minister Jane Smith"


def test_evaluation_polnear_predictions_from_facts() -> None:
    text = "Zelensky said the war would end."
    article = Article(id="a1", text=text)

    def ts(needle: str) -> TextSpan:
        s, e = at(text, needle)
        return TextSpan(s, e, 0, needle)

    actor = Actor(key="zelensky", label="Volodymyr Zelensky", kind="Person", aliases=("Zelenskyy",))
    statement = Statement(
        speaker="zelensky",
        content=ts("the war would end"),
        kind="indirect",
        evidence=ts(text),
        speaker_span=ts("Zelensky"),
    )
    orphan = Statement(speaker="nobody", content=ts("war"), kind="direct", evidence=ts(text))
    preds = predictions_from_facts(ArticleFacts(article, actors=(actor,), statements=(statement, orphan)))
    assert preds[0] == PredictedStatement(
        content_start=text.index("the war"),
        content_end=text.index("the war") + len("the war would end"),
        speaker_text="Zelensky",
        speaker_label="Volodymyr Zelensky",
        speaker_aliases=("Zelenskyy",),
        kind="indirect",
        content_text="the war would end",
    )
    assert preds[1].speaker_text is None and preds[1].speaker_label is None and preds[1].kind == "direct"
    doc = Document("a1", text, annotator="x")
    assert score([doc], {"a1": preds}).overlap.predicted == 2


@pytest.mark.skipif(not REAL_DEV.is_dir(), reason="PolNeAR dev split not present")
def test_evaluation_polnear_real_dev_invariants() -> None:
    docs = load_corpus(REAL_DEV)
    assert 60 <= len(docs) <= 100
    gold = [g for d in docs for g in d.gold]
    assert len(gold) > 1000
    texts = {d.name: d.text for d in docs}
    for d in docs:
        assert d.annotator is not None and d.published is not None
        assert len(set(d.annotators)) >= 1
    for g in gold:
        assert g.content_spans
        for s, e in g.content_spans:
            assert texts[g.doc][s:e].strip()
        for s, e in g.source_spans:
            assert texts[g.doc][s:e].strip()
    assert 0.1 < sum(g.has_quote_marks for g in gold) / len(gold) < 0.6
    # scoring the gold against itself (outer extents, direct when quoted) is nearly perfect
    preds = {
        d.name: [
            PredictedStatement(
                g.content_spans[0][0],
                g.content_spans[-1][1],
                speaker_text=g.source_text,
                kind="direct" if g.has_quote_marks else "indirect",
            )
            for g in d.gold
        ]
        for d in docs
    }
    scores = score(docs, preds)
    assert scores.exact.f1 == pytest.approx(1.0)
    assert scores.overlap.f1 > 0.99 and scores.speaker.accuracy == 1.0


def test_evaluation_polnear_annotation_text_running_over_a_line_break(tmp_path):
    # brat writes a span's text after the offsets; a text with a line break continues on the next line,
    # and that line ("The ...") must not be read as a T line
    split = tmp_path / "train"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    text = "Title\nThe aide said the plan was\nfine.\n"
    (split / "text" / "doc.txt").write_text(text, encoding="utf-8")
    start = text.index("the plan")
    end = text.index("fine.") + len("fine.")
    source = text.index("The aide")
    (split / "attributions" / "doc_ann1.ann").write_text(
        f"T1\tContent {start} {end}\tthe plan was\nThe continuation of that text\n"
        f"T2\tSource {source} {source + 8}\tThe aide\n"
        f"T3\tAttribution {source + 9} {source + 13}\tsaid\n"
        "E1\tAttribution:T3 Source:T2 Content:T1\n",
        encoding="utf-8",
    )
    (document,) = load_corpus(split)
    assert [a.source_text for a in document.gold] == ["The aide"]


def test_evaluation_polnear_continued_quote_is_one_prediction_with_two_spans() -> None:
    text = '"We expect more," Ana wrote. "Our goal is peace."'
    article = Article(id="a1", text=text)

    def ts(needle: str) -> TextSpan:
        s, e = at(text, needle)
        return TextSpan(s, e, 0, needle)

    first = Statement(speaker="ana", content=ts("We expect more"), kind="direct", evidence=ts(text))
    second = Statement(speaker="ana", content=ts("Our goal is peace."), kind="direct", evidence=ts(text), continues=0)
    (pred,) = predictions_from_facts(ArticleFacts(article, statements=(first, second)))
    assert pred.spans == (at(text, "We expect more"), at(text, "Our goal is peace."))
