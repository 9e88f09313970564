"""The readable event lines ``khabar analyze`` prints (khabar.cli.report_events)."""

from __future__ import annotations

from io import StringIO

from event_helpers import make_doc
from rich.console import Console

from khabar.cli.report_events import event_line, print_events
from khabar.events.extract import extract_events
from khabar.events.time import document_times


def test_threat_line_reads_like_the_issue_example() -> None:
    doc = make_doc("अमेरिका ने उत्तर कोरिया को दी चेतावनी")
    doc.events = extract_events(doc, document_times(doc))
    (event,) = doc.events
    line = event_line(doc, event)
    assert line.startswith("THREATEN/warn  United States → North Korea  (asserted)")
    assert line.endswith('"अमेरिका ने उत्तर कोरिया को दी चेतावनी"')


def test_lines_carry_place_time_attribution_and_flags() -> None:
    text = "रिपोर्ट्स के मुताबिक बाइडन कल बीजिंग पहुंचेंगे। इसकी अभी पुष्टि नहीं हुई है।"
    doc = make_doc(text, "2024-03-12")
    doc.events = extract_events(doc, document_times(doc))
    buf = StringIO()
    print_events(doc, Console(file=buf, width=300))
    out = buf.getvalue()
    assert "CONSULT/visit  Joe Biden → Beijing  (future, unconfirmed)" in out
    assert "at Beijing" in out and "when 2024-03-13" in out and "per unnamed" in out


def test_no_events() -> None:
    buf = StringIO()
    print_events(make_doc("आज मौसम साफ है।"), Console(file=buf))
    assert buf.getvalue().strip() == "no events"
