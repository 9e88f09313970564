"""The pipeline version stored with documents: what changes it and what does not."""

from __future__ import annotations

from khabar.pipeline import Options
from khabar.store.version import pipeline_version


def test_step_settings_change_the_version_reader_settings_do_not() -> None:
    base = Options.load()
    assert pipeline_version(base) == pipeline_version(Options.load())
    step = base.steps[-1]
    changed = Options.load(overrides={step: {"khabar_test_setting": 1}})
    assert pipeline_version(changed) != pipeline_version(base)
    fewer = Options.load(overrides={"pipeline": {"steps": list(base.steps[:-1])}})
    assert pipeline_version(fewer) != pipeline_version(base)
    http = Options.load(overrides={"http": {"timeout": 99.0}})
    assert pipeline_version(http) == pipeline_version(base)
