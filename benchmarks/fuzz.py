"""Fuzz ``kgbuild build``: generated texts, pages, JSON records and raw bytes, through the whole pipeline.

Each example is one input file (``.txt`` in some encoding, ``.html``, ``.jsonl`` of generated records,
or raw bytes). A batch of examples goes through the real CLI (one ``kgbuild build`` in-process, with the
real model) into a fresh embedded store, and passes when:

- nothing raises past the CLI's own error handling (exit code 0 or 1, never a traceback);
- an input that is not built gets ``Error: PATH...: ...`` lines naming its file, and none of them is
  an "internal error" (a rule that crashed);
- every graph in the store conforms to the shapes (validated again, straight from the store).

``tests/test_fuzz.py`` runs 200 examples in CI, one per build; this script runs more, ``--batch`` per
build (a build costs about 0.3 s besides its articles: opening the store, loading it), and counts
failing batches instead of stopping at the first one (each is printed with its inputs, to turn into a test).

    python benchmarks/fuzz.py                 # 10,000 examples, 10 per build
    python benchmarks/fuzz.py -n 500 --seed 7 --batch 1
    python benchmarks/fuzz.py --jobs 2        # two processes, seeds 0 and 1, 5,000 examples each
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

from kgbuild.cli import main
from kgbuild.store import EmbeddedStore
from kgbuild.validate import validate_graph

# Words that make the rules fire (speakers, speech verbs, event triggers, places, dates, numbers)
# mixed with generated strings: the rules see real structure, the reader and RDF see anything.
WORDS = """Putin Zelenskyy Trump Ukraine Russia Kyiv Moscow NATO the a President minister said told
    claimed denied attacked shelled killed wounded met signed talks war ceasefire prisoners exchange
    on Friday May 24 2025 yesterday 12 people soldiers troops city that would will not and of in
    according to spokesman "We will talk" accused sanctions""".split()
SEPARATORS = [" ", " ", " ", "\n", ", ", ". ", ' "', '" ', "\u201c", "\u201d", "'", "\r\n", "\t", ": ", " - "]
ENCODINGS = ["utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252"]

pieces = st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), st.text(max_size=6))
word_soup = st.lists(st.tuples(pieces, st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda parts: "".join(piece + separator for piece, separator in parts)
)
# Sentences shaped like news, so that the statement and event rules fire, with generated text in the slots.
SPEAKERS = ["Putin", "Zelenskyy", "President Donald Trump", "Foreign Minister Ana Lopez", "A spokesman",
            "Kremlin spokesman Dmitry Peskov", "Ukraine's army", "NATO", "He", "Officials"]  # fmt: skip
SPEECH = ["said", "told reporters", "claimed", "denied", "wrote on Telegram", "added", "warned"]
EVENTS = ["Russia attacked Kyiv", "Ukraine and Russia exchanged 390 prisoners", "troops shelled the city, killing 12 people",
          "the two sides signed a ceasefire", "the United States imposed sanctions on Moscow", "leaders met in Geneva",
          "a drone struck Kharkiv, wounding 3 civilians"]  # fmt: skip
DAYS = ["on Friday", "on May 24", "yesterday", "last week", "in 2025", ""]
slot = st.one_of(st.sampled_from(EVENTS), word_soup)
speaker = st.one_of(st.sampled_from(SPEAKERS), st.tuples(st.sampled_from(SPEAKERS), st.text(max_size=3)).map("".join))
sentence = st.one_of(
    st.builds("{} {} that {} {}.".format, speaker, st.sampled_from(SPEECH), slot, st.sampled_from(DAYS)),
    st.builds('"{}," {} {}.'.format, slot, speaker, st.sampled_from(SPEECH)),
    st.builds("{} {}, {} {}.".format, slot, st.sampled_from(DAYS), speaker, st.sampled_from(SPEECH)),
    st.builds('{} {}: "{}"'.format, speaker, st.sampled_from(SPEECH), slot),
)
news = st.lists(st.tuples(sentence, st.sampled_from([" ", "\n", "\n\n", " ", "\r\n"])), min_size=1, max_size=5).map(
    lambda parts: "Headline\n" + "".join(text + separator for text, separator in parts)
)
texts = st.one_of(word_soup, news, news)


class _Digits(str):
    """A JSON number too long for Python's int() (over 4300 digits), written as-is by ``_dumps``."""


def _dumps(value, ensure_ascii: bool = True) -> str:
    """``json.dumps``, but ``_Digits`` become bare numbers."""
    if isinstance(value, _Digits):
        return str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(key, ensure_ascii=ensure_ascii)}: {_dumps(item, ensure_ascii)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_dumps(item, ensure_ascii) for item in value) + "]"
    return json.dumps(value, ensure_ascii=ensure_ascii)


json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20),
                         st.integers(4000, 5000).map(lambda digits: _Digits("9" * digits)))  # fmt: skip
json_values = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3), max_leaves=8)
iri_unsafe = st.text(alphabet=st.sampled_from(list(' <>"{}|\\^`\n\t#%?/é\u2028\U0001f600') + ["a", "b", "1"]), max_size=12)
records = st.fixed_dictionaries(
    {"text": st.one_of(texts, texts, json_values)},
    optional={
        "id": st.one_of(iri_unsafe, st.text(max_size=12), st.integers(), json_values),
        "title": st.one_of(st.text(max_size=20), json_values),
        "url": st.one_of(iri_unsafe.map(lambda s: "https://news.example/" + s), st.text(max_size=20)),
        "published": st.one_of(st.sampled_from(["2025-05-24", "2025-05-24T10:00:00Z", "24 May", ""]), st.text(max_size=10)),
        "publisher": st.text(max_size=10),
    },
)
record_lines = st.one_of(records.map(_dumps), records.map(lambda r: _dumps(r, ensure_ascii=False)), st.text(max_size=30))


@dataclass(frozen=True)
class Example:
    """One input file: its name (the suffix picks the reader) and its bytes."""

    name: str
    data: bytes


def _text_file(text: str, encoding: str) -> Example:
    return Example("article.txt", text.encode(encoding, errors="replace"))


def _html_file(text: str, tags: list[str], markup: str) -> Example:
    body = "".join(f"<{tag}>" for tag in tags) + text.replace("\n", "<p>") + "".join(f"</{tag}>" for tag in reversed(tags))
    return Example("page.html", f"<html><head><title>{text[:20]}</title></head><body>{markup}{body}</body></html>".encode())


# Pieces of markup that trip HTML parsers: comments, marked sections, declarations, character references.
MARKUP = ["<", ">", "</", "<!--", "-->", "<![CDATA[", "]]>", "<![if", "<![", "<!DOCTYPE", "<?", "&#", "&#x", "&#99999999;",
          "&amp", "<script>", "</script>", "<p", "<title>", "<article>", "<time datetime='2025-13-45'>", '"', "'", "="]  # fmt: skip
markup = st.lists(st.one_of(st.sampled_from(MARKUP), st.text(max_size=2)), max_size=20).map("".join)


examples = st.one_of(
    st.builds(_text_file, texts, st.sampled_from(ENCODINGS)),
    st.builds(_html_file, texts, st.lists(st.sampled_from(["div", "p", "article", "b", "script", "nav", "span", "x"]), max_size=4),
              markup),
    st.lists(record_lines, min_size=1, max_size=3).map(lambda lines: Example("records.jsonl", "\n".join(lines).encode())),
    st.binary(max_size=200).map(lambda data: Example("raw.txt", data)),
)


def check(batch: list[Example], folder: Path) -> None:
    """Build a batch of examples into a fresh store under ``folder``; raise AssertionError saying what went wrong."""
    inputs, store_path = folder / "in", folder / "store"
    inputs.mkdir()
    paths = [inputs / f"{number}-{example.name}" for number, example in enumerate(batch)]
    for path, example in zip(paths, batch):
        path.write_bytes(example.data)
    command = ["build", *map(str, paths), "--store", str(store_path), "--published", "2025-05-24"]
    result = CliRunner().invoke(main, command)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        trace = "".join(traceback.format_exception(result.exception))
        raise AssertionError(f"kgbuild build raised past the CLI:\n{trace}")
    assert result.exit_code in (0, 1), f"exit code {result.exit_code}: {result.stderr}"
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert all(line.startswith(tuple(f"Error: {path}" for path in paths)) for line in errors), result.stderr
    assert not any("internal error" in line for line in errors), result.stderr
    assert (result.exit_code == 1) == bool(errors), result.output
    store = EmbeddedStore(store_path, read_only=True)
    try:
        for graph_iri in store.article_graphs():
            validation = validate_graph(store.graph(graph_iri))
            assert validation.conforms, f"{graph_iri} does not conform: {validation.violations[:3]}"
    finally:
        store.close()


def run(count: int, random_seed: int, batch_size: int) -> int:
    """Run ``count`` examples, ``batch_size`` per build, printing each failure; returns failed batches."""
    failures = []
    done = [0]

    @seed(random_seed)
    @settings(max_examples=-(-count // batch_size), deadline=None, phases=[Phase.generate], database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(examples, min_size=batch_size, max_size=batch_size))
    def one(batch: list[Example]) -> None:
        folder = Path(tempfile.mkdtemp(prefix="kgbuild-fuzz-"))
        try:
            check(batch, folder)
        except AssertionError as error:
            failures.append(batch)
            print(f"FAILURE {len(failures)}: {batch!r}\n{error}\n", flush=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        done[0] += len(batch)
        if done[0] % 500 < len(batch):
            print(f"{done[0]} examples, {len(failures)} failing builds", file=sys.stderr, flush=True)

    one()
    return len(failures)


def run_jobs(count: int, first_seed: int, jobs: int, batch_size: int) -> int:
    """``count`` examples split over ``jobs`` processes with seeds ``first_seed``, +1, ...; total failures."""
    shares = [count // jobs + (index < count % jobs) for index in range(jobs)]
    processes = [
        subprocess.Popen([sys.executable, __file__, "-n", str(share), "--seed", str(first_seed + index),
                          "--batch", str(batch_size)],
                         stdout=subprocess.PIPE, text=True)  # fmt: skip
        for index, share in enumerate(shares)
    ]
    failed = 0
    for process in processes:
        output, _ = process.communicate()
        print(output, end="")
        failed += int(output.strip().splitlines()[-1].split()[2])
    return failed


def main_script() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--examples", type=int, default=10_000, help="examples to run (default 10,000)")
    parser.add_argument("--seed", type=int, default=0, help="Hypothesis seed (default 0)")
    parser.add_argument("--jobs", type=int, default=1, help="processes to split the examples over (default 1)")
    parser.add_argument("--batch", type=int, default=10, help="examples per build (default 10)")
    options = parser.parse_args()
    start = time.monotonic()
    if options.jobs > 1:
        failed = run_jobs(options.examples, options.seed, options.jobs, options.batch)
    else:
        failed = run(options.examples, options.seed, options.batch)
    elapsed = time.monotonic() - start
    print(f"{options.examples} examples, {failed} failures (failing builds), {elapsed:.0f} s ({elapsed / options.examples * 1000:.0f} ms per example)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main_script()
