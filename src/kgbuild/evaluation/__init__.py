"""Scoring kgbuild output against public, human-annotated corpora."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def write_records(path: str | Path, records: Sequence[dict[str, Any]]) -> dict[str, int]:
    """Write error records as JSON lines; return how many there are of each ``type``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return dict(Counter(record["type"] for record in records))
