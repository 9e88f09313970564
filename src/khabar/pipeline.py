"""Step registry, options and the Pipeline that carries a Document through named steps.

A step is a small class registered by name. It declares what it ``requires`` (steps that must
have run) and ``assigns`` (Document fields it fills), is built from the one :class:`Options`
object, only adds to the Document, and is picklable, so the same pipeline runs in one process
or in a pool. Defaults live in ``settings.toml`` beside this file.

A step that raises on one document records a :class:`~khabar.document.StepError` on that
document; the remaining steps are skipped for it and the batch goes on.
"""

from __future__ import annotations

import copy
import importlib
import logging
import operator
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from khabar.document import Document, Rejection, StepError
from khabar.errors import ConfigError, ContractViolation, KhabarError, UnknownStep
from khabar.sources.base import RawRecord, Source, iter_records

log = logging.getLogger(__name__)

SETTINGS_PATH = Path(__file__).with_name("settings.toml")
_LIST_FIELDS = ("blocks", "sentences", "tokens", "boilerplate", "mentions", "entities",
                "times", "events")
_LISTS = operator.attrgetter(*_LIST_FIELDS)  # read before and after every step of every doc


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for key, value in extra.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


@dataclass(frozen=True)
class Options:
    """All settings of a pipeline: the step list and one table of values per step."""

    steps: tuple[str, ...]
    values: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(
        cls, path: Path | None = None, overrides: Mapping[str, Any] | None = None
    ) -> Options:
        """Defaults from ``settings.toml``, then a user file, then ``overrides``."""
        data = _read_toml(SETTINGS_PATH)
        if path is not None:
            data = _merge(data, _read_toml(path))
        if overrides:
            data = _merge(data, overrides)
        steps = data.get("pipeline", {}).get("steps")
        if not isinstance(steps, list) or not all(isinstance(s, str) for s in steps):
            raise ConfigError("settings: [pipeline] steps must be a list of step names")
        values = {k: v for k, v in data.items() if isinstance(v, dict)}
        return cls(steps=tuple(steps), values=values)

    def for_step(self, name: str) -> dict[str, Any]:
        return dict(self.values.get(name, {}))

    def get(self, section: str, key: str, default: Any = None) -> Any:
        return self.values.get(section, {}).get(key, default)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(f"cannot read settings file {path}: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"settings file {path} is not valid TOML: {exc}") from exc


class Step:
    """Base of every pipeline step. Subclasses set ``name`` and write :meth:`__call__`.

    Loaded resources must be picklable, or rebuilt lazily after unpickling.
    """

    name: ClassVar[str] = ""
    requires: ClassVar[tuple[str, ...]] = ()
    assigns: ClassVar[tuple[str, ...]] = ()

    def __init__(self, options: Options) -> None:
        self.options = options
        self.config = options.for_step(self.name)

    def __call__(self, doc: Document) -> None:
        raise NotImplementedError


S = TypeVar("S", bound=type[Step])
_REGISTRY: dict[str, type[Step]] = {}


def register(cls: S) -> S:
    """Class decorator: make a step available to pipelines by its ``name``."""
    if not cls.name:
        raise ConfigError(f"step class {cls.__qualname__} has no name")
    _REGISTRY[cls.name] = cls
    return cls


def step_class(name: str, options: Options) -> type[Step]:
    if name not in _REGISTRY:
        target = options.get("step_modules", name)
        if not isinstance(target, str):
            raise UnknownStep(f"unknown pipeline step {name!r}")
        importlib.import_module(target)
        if name not in _REGISTRY:
            raise UnknownStep(f"module {target} did not register step {name!r}")
    return _REGISTRY[name]


def _snapshot(doc: Document) -> tuple[str, tuple[int, ...]]:
    return doc.text, tuple(map(len, _LISTS(doc)))


def _check_add_only(step: str, before: tuple[str, tuple[int, ...]], doc: Document) -> None:
    text, sizes = before
    if text and doc.text != text:
        raise ContractViolation(f"step {step!r} rewrote the document text")
    after = _snapshot(doc)[1]
    if all(map(operator.ge, after, sizes)):
        return
    for name, old, new in zip(_LIST_FIELDS, sizes, after, strict=True):
        if new < old:
            raise ContractViolation(f"step {step!r} removed items from {name}")


class Pipeline:
    """Runs named steps over Documents: ``pipeline(source)`` or ``pipeline.pipe(sources)``."""

    def __init__(
        self,
        options: Options | None = None,
        *,
        steps: Sequence[str] | None = None,
        overrides: Mapping[str, Any] | None = None,
    ) -> None:
        self.options = options or Options.load(overrides=overrides)
        names = tuple(steps) if steps is not None else self.options.steps
        self.steps: list[Step] = [step_class(n, self.options)(self.options) for n in names]
        self._check_requirements()

    def _check_requirements(self) -> None:
        seen: set[str] = set()
        for step in self.steps:
            missing = [r for r in step.requires if r not in seen]
            if missing:
                raise ConfigError(f"step {step.name!r} requires {', '.join(missing)} before it")
            seen.add(step.name)

    def reset(self) -> None:
        """Start a new batch: steps with a ``reset()`` method forget batch state (seen texts)."""
        for step in self.steps:
            reset = getattr(step, "reset", None)
            if reset is not None:
                reset()

    @property
    def step_names(self) -> list[str]:
        return [s.name for s in self.steps]

    def run(self, doc: Document) -> Document:
        """Run every step on ``doc``; errors are recorded on it, never raised."""
        return self.run_batch([doc])[0]

    def run_batch(self, docs: list[Document]) -> list[Document]:
        """Run the steps step by step over a window of documents.

        A step with a ``prepare(docs)`` method sees the whole window first (for example to
        learn lines that repeat across a site's pages) and then each document.
        """
        for step in self.steps:
            active = [d for d in docs if d.rejected is None and not d.errors]
            prepare = getattr(step, "prepare", None)
            if prepare is not None and active:
                prepare(active)
            for doc in active:
                _apply(step, doc)
        return docs

    def __call__(self, source: Source | RawRecord, *, kind: str | None = None) -> Document:
        """Analyse one source (path, URL, text or bytes); input errors raise."""
        self.reset()
        records = list(iter_records(source, kind=kind, options=self.options))
        if not records:
            return self.run(_rejected("E103", "the input holds no document"))
        return self.run(_from_record(records[0]))

    def pipe(
        self,
        sources: Iterable[Source | RawRecord],
        *,
        workers: int = 1,
        on_error: Callable[[Source | RawRecord, KhabarError], None] | None = None,
    ) -> Iterator[Document]:
        """Documents for an iterator of sources. Unreadable sources become rejected Documents."""
        self.reset()
        window = max(1, int(self.options.get("pipeline", "window", 64)))
        docs = (_from_record(r) for r in self._records(sources, on_error))
        batches = windows(docs, window)
        if workers <= 1:
            for batch in batches:
                yield from self.run_batch(batch)
            return
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for done in pool.map(self.run_batch, batches):
                yield from done

    def _records(
        self,
        sources: Iterable[Source | RawRecord],
        on_error: Callable[[Source | RawRecord, KhabarError], None] | None,
    ) -> Iterator[RawRecord]:
        for source in sources:
            try:
                yield from iter_records(source, options=self.options)
            except KhabarError as exc:
                if on_error is not None:
                    on_error(source, exc)
                yield RawRecord.failed(source, exc)


def _apply(step: Step, doc: Document) -> None:
    before = _snapshot(doc)
    try:
        step(doc)
        _check_add_only(step.name, before, doc)
    except KhabarError as exc:
        doc.errors.append(StepError(step.name, exc.code, exc.message))
    except Exception as exc:
        log.debug("step %s failed on %s", step.name, doc.id, exc_info=True)
        doc.errors.append(StepError(step.name, "E301", f"{type(exc).__name__}: {exc}"))
    else:
        doc.steps.append(step.name)
    if doc.rejected is not None and not doc.rejected.step:
        doc.rejected.step = step.name


T = TypeVar("T")


def windows(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter), lazily."""
    batch: list[T] = []
    for doc in items:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _rejected(code: str, reason: str) -> Document:
    return Document(rejected=Rejection(code, reason, "read"))


def _from_record(record: RawRecord) -> Document:
    from khabar.sources.base import document_from_record

    return document_from_record(record)
