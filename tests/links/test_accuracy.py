"""The benchmark's generated corpus, small: every broken link found at its line, no false alarm."""

from __future__ import annotations

import json
from pathlib import Path

from tests.links.conftest import links
from tests.links.corpus import generate, score


def test_generated_corpus_every_broken_link_and_no_false_alarm(tmp_path: Path) -> None:
    corpus = generate(files=80, links=2400, broken=1000, seed=11, modules_per_chapter=3)
    corpus.write(tmp_path)
    run = links("--offline", "--format", "json", "--root", tmp_path)
    data = json.loads(run.out)
    assert data["checked"] == {"files": 80, "links": 2400, "external": 0}
    reported = [(f["file"], f["line"], f["target"]) for f in data["findings"]]
    truth = {(t.file, t.line, t.target) for t in corpus.truth if t.broken}
    assert len(reported) == 1000
    assert set(reported) <= truth and len(set(reported)) == len(truth)  # exact, not just by line
    assert score(corpus.truth, reported).row() == "found 1,000 (100%), missed 0, false alarms 0"
