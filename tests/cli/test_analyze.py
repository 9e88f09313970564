"""`khabar analyze`: readable report, --json, and one-line errors for bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from khabar.document import Document


def khabar(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "khabar", *args],
        input=stdin, capture_output=True, timeout=300,
    )
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )


def one_error_line(result: subprocess.CompletedProcess[str], code: str) -> None:
    assert result.returncode != 0
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error {code}:"), lines[0]
    assert "Traceback" not in result.stderr


def test_missing_file(tmp_path: Path) -> None:
    one_error_line(khabar("analyze", str(tmp_path / "nope.txt")), "E101")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    one_error_line(khabar("analyze", str(path)), "E103")


def test_whitespace_only_stdin() -> None:
    one_error_line(khabar("analyze", "-", stdin=b"  \n\n \t\n"), "E103")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 64)
    one_error_line(khabar("analyze", str(path)), "E104")


def test_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:  # root reads any file; this one fails with EIO on read
        one_error_line(khabar("analyze", "/proc/self/mem"), "E102")
        return
    path = tmp_path / "locked.txt"
    path.write_text("कुछ", encoding="utf-8")
    path.chmod(0)
    try:
        one_error_line(khabar("analyze", str(path)), "E102")
    finally:
        path.chmod(0o600)


def test_verbose_shows_detail(tmp_path: Path) -> None:
    result = khabar("--verbose", "analyze", str(tmp_path / "nope.txt"))
    assert result.returncode != 0
    assert "E101" in result.stderr


def test_json_output_is_a_document() -> None:
    text = "दिल्ली में आज बारिश हुई।\n\nमौसम विभाग ने चेतावनी दी है।"
    result = khabar("analyze", "-", "--json", stdin=text.encode("utf-8"))
    assert result.returncode == 0, result.stderr
    doc = Document.from_json(result.stdout)
    assert doc.language == "hi"
    assert "मौसम विभाग" in doc.text
    assert json.loads(result.stdout)["schema_version"] == doc.schema_version


def test_report_on_stdin() -> None:
    text = "खेल\n\nभारत ने सीरीज जीती\n\nटीम ने आखिरी मैच में शानदार खेल दिखाया।"
    result = khabar("analyze", "-", stdin=text.encode("utf-8"))
    assert result.returncode == 0, result.stderr
    assert "language" in result.stdout and "hi" in result.stdout
    assert "शानदार" in result.stdout


def test_error_text_is_not_read_as_markup(tmp_path: Path) -> None:
    missing = tmp_path / "[http] [bold]x.txt"
    result = khabar("analyze", str(missing))
    one_error_line(result, "E101")
    assert "[http] [bold]x.txt" in result.stderr
