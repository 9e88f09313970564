"""Pipeline: registry, options, add-only contract, errors recorded per document, pickling."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from khabar.document import Document, Mention
from khabar.errors import ConfigError, UnknownStep
from khabar.pipeline import Options, Pipeline, Step, register


@register
class _Boom(Step):
    name = "test-boom"

    def __call__(self, doc: Document) -> None:
        if "बम" in doc.text:
            raise RuntimeError("exploded on purpose")
        doc.mentions.append(Mention(0, 1, doc.text[:1], "TEST"))


@register
class _Rewrite(Step):
    name = "test-rewrite"

    def __call__(self, doc: Document) -> None:
        doc.text = doc.text + " (बदला)"


@register
class _Drop(Step):
    name = "test-drop"

    def __call__(self, doc: Document) -> None:
        doc.blocks.clear()


@register
class _NeedsBoom(Step):
    name = "test-needs-boom"
    requires = ("test-boom",)

    def __call__(self, doc: Document) -> None:
        doc.meta.flags.append("after-boom")


BASE = ["decode", "extract", "language", "sentences", "tokens"]


def test_defaults_come_from_settings_file() -> None:
    options = Options.load()
    assert options.steps[:2] == ("decode", "extract")
    assert options.get("read", "max_bytes") > 0


def test_user_file_and_overrides_merge(tmp_path: Path) -> None:
    cfg = tmp_path / "mine.toml"
    cfg.write_text('[decode]\nmax_control_ratio = 0.5\n', encoding="utf-8")
    options = Options.load(cfg, overrides={"read": {"max_bytes": 10}})
    assert options.get("decode", "max_control_ratio") == 0.5
    assert options.get("read", "max_bytes") == 10
    assert options.get("decode", "max_replacement_ratio") is not None  # default kept


def test_bad_settings_file_is_a_config_error(tmp_path: Path) -> None:
    cfg = tmp_path / "bad.toml"
    cfg.write_text("[pipeline\nsteps = 3", encoding="utf-8")
    with pytest.raises(ConfigError):
        Options.load(cfg)


def test_unknown_step_is_refused() -> None:
    with pytest.raises(UnknownStep):
        Pipeline(steps=["decode", "no-such-step"])


def test_requirements_are_checked() -> None:
    with pytest.raises(ConfigError, match="requires"):
        Pipeline(steps=["test-needs-boom"])


def test_failing_step_is_recorded_and_batch_goes_on() -> None:
    pipe = Pipeline(steps=[*BASE[:2], "test-boom", "test-needs-boom"])
    docs = list(pipe.pipe(["पहला लेख यहां है।\n\nदूसरा वाक्य।", "इसमें बम है।", "तीसरा लेख।"],
                          ))
    assert len(docs) == 3
    good, bad, third = docs
    assert good.ok and third.ok and "after-boom" in good.meta.flags
    assert [e.step for e in bad.errors] == ["test-boom"]
    assert "exploded on purpose" in bad.errors[0].message
    assert "after-boom" not in bad.meta.flags  # later steps skipped for the failed document
    assert bad.steps == ["decode", "extract"]


@pytest.mark.parametrize("step", ["test-rewrite", "test-drop"])
def test_add_only_contract_is_enforced(step: str) -> None:
    doc = Pipeline(steps=[*BASE[:2], step])("कुछ पाठ।")
    assert [e.code for e in doc.errors] == ["E302"]


def test_pipeline_pickles_and_runs_in_a_pool() -> None:
    pipe = Pipeline(steps=BASE)
    again = pickle.loads(pickle.dumps(pipe))
    texts = [f"यह लेख संख्या {i} है। इसमें दो वाक्य हैं।" for i in range(20)]
    serial = [d.to_json() for d in pipe.pipe(texts)]
    pooled = [d.to_json() for d in again.pipe(texts, workers=2)]
    assert serial == pooled


def test_unreadable_source_becomes_a_rejected_document(tmp_path: Path) -> None:
    errors: list[str] = []
    docs = list(Pipeline(steps=BASE).pipe(
        [tmp_path / "missing.txt", "ठीक है।"], on_error=lambda src, exc: errors.append(exc.code)
    ))
    assert docs[0].rejected is not None and docs[0].rejected.code == "E101"
    assert docs[1].ok
    assert errors == ["E101"]


def test_analyze_twice_is_not_a_duplicate() -> None:
    import khabar

    text = "एक ही लेख दो बार पढ़ा गया।"
    first = khabar.analyze(text)
    second = khabar.analyze(text)
    assert first.ok and second.ok, (first.rejected, second.rejected)


def test_duplicates_within_one_batch_are_rejected() -> None:
    pipe = Pipeline()
    text = "यह वही खबर है जो दो बार आई।"
    docs = list(pipe.pipe([text, text, "यह अलग खबर है।"]))
    assert [d.rejected.code if d.rejected else None for d in docs] == [None, "E109", None]
    again = list(pipe.pipe([text]))  # a new batch starts fresh
    assert again[0].rejected is None
