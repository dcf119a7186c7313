# For the lead: the `kgbuild eval wikievents FILE [--errors FILE]` command (issue #4), to paste into
# src/kgbuild/cli.py right after `eval_polnear_command` (it mirrors it; nothing new to import at module level).
# The runner function it calls, kgbuild.evaluation.runner.evaluate_wikievents, is committed.
#
# Also worth updating: the `eval` group's docstring example list, e.g.
#
#     \b
#     Examples:
#       kgbuild eval polnear ../shared/eval/polnear/dev
#       kgbuild eval wikievents ../shared/eval/wikievents/dev.jsonl
#
# and the README's "Measure the extraction on annotated news" block:
#
#     $ kgbuild eval wikievents ../shared/eval/wikievents/dev.jsonl --errors wikievents-errors.jsonl
#
# A CLI test to add to tests/test_cli.py (a tiny WikiEvents file written by the test, so no shared data needed):
#
#     def test_cli_eval_wikievents(tmp_path):
#         text = "Russian troops attacked Kharkiv."
#         words = [("Russian", 0, 7), ("troops", 8, 14), ("attacked", 15, 23), ("Kharkiv", 24, 31), (".", 31, 32)]
#         record = {"doc_id": "d1", "tokens": [w for w, _, _ in words], "text": text,
#                   "sentences": [[[list(w) for w in words], text]],
#                   "entity_mentions": [{"id": "d1-T1", "start": 0, "end": 2, "entity_type": "PER", "text": "Russian troops"},
#                                       {"id": "d1-T2", "start": 3, "end": 4, "entity_type": "GPE", "text": "Kharkiv"}],
#                   "event_mentions": [{"id": "d1-E1", "event_type": "Conflict.Attack.Unspecified",
#                                       "trigger": {"start": 2, "end": 3, "text": "attacked"},
#                                       "arguments": [{"entity_id": "d1-T1", "role": "Attacker", "text": "troops"},
#                                                     {"entity_id": "d1-T2", "role": "Target", "text": "Kharkiv"}]}]}
#         corpus = tmp_path / "dev.jsonl"
#         corpus.write_text(json.dumps(record) + "\n", encoding="utf-8")
#         errors = tmp_path / "errors.jsonl"
#         result = CliRunner().invoke(main, ["eval", "wikievents", str(corpus), "--errors", str(errors)])
#         assert result.exit_code == 0, result.output
#         assert "event precision 1.000 (target >= 0.70: met)" in result.output  # "attacked", by Russia, on Kharkiv
#         assert errors.is_file()
#         missing = CliRunner().invoke(main, ["eval", "wikievents", str(tmp_path / "nope.jsonl")])
#         assert missing.exit_code != 0
#
# ---------------------------------------------------------------------------------------------------------------


@eval_group.command("wikievents")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--errors", type=click.Path(dir_okay=False, path_type=Path), help="Write misses and false alarms (JSONL) here.")
def eval_wikievents_command(file, errors) -> None:
    """Score who-did-what on a WikiEvents split (dev.jsonl, with dev.coref.jsonlines beside it).

    kgbuild's event classes are mapped to KAIROS event types and roles by src/kgbuild/data/kairos_mapping.tsv;
    classes with no KAIROS type (Sanctions, Agreement, Accusation, Mobilization, Cooperation) are counted apart,
    not as false alarms. Prints precision, recall and F1 of triggers (identification and classification) and
    of arguments (an argument counts when it overlaps any mention of the gold entity's coreference cluster;
    also by head), overall and for the mapped types only, and checks the issue's targets (event precision
    >= 0.70, argument F1 >= 0.40).

    \b
    Example:
      kgbuild eval wikievents ../shared/eval/wikievents/dev.jsonl --errors wikievents-errors.jsonl
    """
    from .evaluation.runner import evaluate_wikievents

    with tqdm(desc="Scoring", unit=" articles", file=sys.stderr, disable=None, leave=False) as bar:
        try:
            scores = evaluate_wikievents(file, errors=errors, progress=bar.update)
        except (OSError, ValueError) as error:
            fail(str(error))
    click.echo(scores.format())
