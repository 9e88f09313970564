"""`khabar analyze` on a folder, a WARC file and a JSONL dump: progress, then counts."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

from support import shared_path

STORY = ("<html><head><title>बाढ़</title></head><body><article>"
         "<p>नदी का जलस्तर खतरे के निशान से ऊपर पहुँच गया और प्रशासन ने गाँव खाली कराए।</p>"
         "<p>राहत दल नावों के साथ रात भर काम करते रहे।</p></article></body></html>")


def khabar(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command, with the reading steps only (the batch path is under test, not NLP)."""
    config = tmp_path / "steps.toml"
    config.write_text('[pipeline]\nsteps = ["decode", "extract", "dedup"]\n', encoding="utf-8")
    command = [sys.executable, "-m", "khabar", "analyze", "--config", str(config), *args]
    proc = subprocess.run(command, capture_output=True, timeout=300)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(),
                                       proc.stderr.decode())


def count(output: str, label: str) -> int:
    for line in output.splitlines():
        cells = [c.strip() for c in line.strip("│|").split("│")]
        if len(cells) >= 2 and cells[0] == label:
            return int(cells[1])
    raise AssertionError(f"no {label!r} row in:\n{output}")


def test_folder_counts(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_text(STORY, encoding="utf-8")
    (folder / "b.html").write_text(STORY.replace("<head>", "<head><!-- copy -->"),
                                   encoding="utf-8")
    (folder / "c.html").write_bytes(random.Random(1).randbytes(3000))
    (folder / "d.html").write_bytes(b"")
    result = khabar(tmp_path, str(folder))
    assert result.returncode == 0, result.stderr
    assert count(result.stdout, "read") == 4
    assert count(result.stdout, "extracted") == 1
    assert count(result.stdout, "duplicate") == 1
    assert count(result.stdout, "rejected E104 binary") == 1
    assert count(result.stdout, "rejected E103 empty") == 1


def test_warc_folder_with_skipped_records(tmp_path: Path) -> None:
    folder = shared_path("data", "warc-samples")
    result = khabar(tmp_path, str(folder))
    assert result.returncode == 0, result.stderr
    assert count(result.stdout, "read") >= 4
    assert count(result.stdout, "skipped: warc request record") == 4


def test_jsonl_as_json_lines(tmp_path: Path) -> None:
    rows = [{"url": f"https://k.example/{i}", "html": STORY.replace("नदी", f"नदी {i}")}
            for i in range(3)]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\nnot json\n",
                    encoding="utf-8")
    result = khabar(tmp_path, "--json", str(path))
    assert result.returncode == 0, result.stderr
    docs = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [d["meta"]["url"] for d in docs[:3]] == [r["url"] for r in rows]
    assert docs[3]["rejected"]["code"] == "E102"
    assert count(result.stderr, "extracted") == 3
