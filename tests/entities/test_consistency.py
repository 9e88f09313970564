"""The tagger's post-passes: a bracket splits a name from its short form."""

from __future__ import annotations

from khabar.entities.consistency import split_at_brackets


def test_name_and_bracketed_short_form_become_two_names() -> None:
    tokens = ["राष्ट्रीय", "जल", "आयोग", "(", "आरजेए", ")", "ने", "कहा"]
    tags = ["B-NEO", "I-NEO", "I-NEO", "I-NEO", "I-NEO", "I-NEO", "O", "O"]
    assert split_at_brackets(tokens, tags) == [
        "B-NEO", "I-NEO", "I-NEO", "O", "B-NEO", "O", "O", "O"]


def test_spans_without_brackets_and_other_types_are_left_alone() -> None:
    tokens = ["मार्च", "(", "2020", ")", "में", "सीता", "देवी"]
    tags = ["B-NETI", "I-NETI", "I-NETI", "I-NETI", "O", "B-NEP", "I-NEP"]
    assert split_at_brackets(tokens, tags) == tags
