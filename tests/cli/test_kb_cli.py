"""``khabar kb``: lookup, check, stats."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from khabar.cli.main import app

runner = CliRunner()


def test_lookup_links_a_misspelt_name() -> None:
    result = runner.invoke(app, ["kb", "lookup", "शरजेई शोइजू", "--label", "person", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["link"] == "khabar:sergei-shoigu"
    assert data["candidates"][0]["name"] == "Sergei Shoigu"


def test_lookup_of_an_unknown_name_says_so() -> None:
    result = runner.invoke(app, ["kb", "lookup", "झुमरू पहलवान", "--label", "person"])
    assert result.exit_code == 0
    assert "no link" in result.output


def test_check_reads_a_users_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text("type\ten\thi\nperson\tRaghuvir Tiwari\tरघुवीर तिवारी\n"
                    "country\tRussia\tरूसी संघ\n", encoding="utf-8")
    result = runner.invoke(app, ["kb", "check", str(path)])
    assert result.exit_code == 0, result.output
    assert "2 entities" in result.output and "new" in result.output


def test_check_of_a_missing_file_is_one_line_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["kb", "check", str(tmp_path / "nope.csv")])
    assert result.exit_code == 1
    assert "cannot read knowledge-base file" in result.output


def test_stats() -> None:
    result = runner.invoke(app, ["kb", "stats"])
    assert result.exit_code == 0
    assert "city" in result.output and "curated:people.tsv" in result.output
