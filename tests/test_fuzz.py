"""Fuzzing: generated inputs through ``kgbuild build`` never crash it and never store a bad graph.

The strategies and the check live in ``benchmarks/fuzz.py``, which runs the same thing for longer.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from fuzz import Example, check, examples  # noqa: E402


@pytest.mark.model
@settings(max_examples=200, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])  # fmt: skip
@given(examples)
def test_fuzz_build_never_crashes_and_stores_only_conforming_graphs(example: Example) -> None:
    folder = Path(tempfile.mkdtemp(prefix="kgbuild-fuzz-"))
    try:
        check([example], folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.model
@pytest.mark.parametrize(
    "example",
    [
        Example("records.jsonl", b'{"id": "a b>c\\"d\\n\\u00e9", "text": "Putin said \\"We will talk\\" on Friday.",'
                                 b' "url": "https://x.example/a b>\\"c"}'),
        Example("article.txt", "\u201cPutin\u201d \u201csaid\u201d \u201cwe\u201d \u201cwill\u201d \u201ctalk\u201d".encode()),
        Example("raw.txt", b"\xff\xfe\x00"),
        Example("page.html", b"<html><body>" + b"<div>" * 5000 + b"Kyiv" + b"</b>" * 10 + b"</html>"),
        Example("records.jsonl", b'{"id": ' + b"9" * 5000 + b', "text": "Putin said so."}'),
        Example("records.jsonl", b"[" * 50_000),
    ],
    ids=["iri-unsafe-id-and-url", "quote-on-every-word", "utf16-bom-then-nul", "deep-malformed-html",
         "5000-digit-number", "deep-json"],  # fmt: skip
)
def test_fuzz_examples_found_by_hand(example: Example, tmp_path: Path) -> None:
    check([example], tmp_path)
