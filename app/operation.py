"""``@operation``: a service method that changes data answers with ``OpResult(value, changes)``.

The body stays a plain method returning its value; every ``Database.transaction()`` it (or a
service it calls) commits adds what it wrote to the collector opened here, so the answer
names exactly what was written, and nothing when it failed and rolled back. Generator
methods (long jobs that yield progress) are wrapped step by step: the ``return`` value of
the wrapped generator is the ``OpResult``.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Concatenate, ParamSpec, TypeVar

from app.changes import NO_CHANGES, Changes, OpResult

P = ParamSpec("P")
S = TypeVar("S")
T = TypeVar("T")
Y = TypeVar("Y")


class ChangeCollector:
    def __init__(self) -> None:
        self.changes: Changes = NO_CHANGES

    def add(self, changes: Changes) -> None:
        self.changes = self.changes | changes


_current: ContextVar[ChangeCollector | None] = ContextVar("change_collector", default=None)


def committed(changes: Changes) -> None:
    """Called by ``Database.transaction()`` after a commit."""
    collector = _current.get()
    if collector is not None:
        collector.add(changes)


@contextmanager
def collecting() -> Iterator[ChangeCollector]:
    """Collect the changes of every transaction committed inside; nested collections also
    count for the enclosing one."""
    parent = _current.get()
    mine = ChangeCollector()
    token = _current.set(mine)
    try:
        yield mine
    finally:
        _current.reset(token)
        if parent is not None:
            parent.add(mine.changes)


def _wrap_generator(gen: Generator[Y, Any, T]) -> Generator[Y, Any, OpResult[T]]:
    collector = ChangeCollector()
    while True:
        token = _current.set(collector)
        try:
            item = next(gen)
        except StopIteration as stop:
            return OpResult(stop.value, collector.changes)
        finally:
            _current.reset(token)
        yield item


def operation(fn: Callable[Concatenate[S, P], T]) -> Callable[Concatenate[S, P], OpResult[T]]:
    """Make a mutating service method answer ``OpResult(value, changes)``."""

    @functools.wraps(fn)
    def wrapper(self: S, *args: P.args, **kwargs: P.kwargs) -> OpResult[T]:
        with collecting() as collector:
            value = fn(self, *args, **kwargs)
        return OpResult(value, collector.changes)

    return wrapper


def generator_operation(
    fn: Callable[Concatenate[S, P], Generator[Y, Any, T]],
) -> Callable[Concatenate[S, P], Generator[Y, Any, OpResult[T]]]:
    """``operation`` for a long job written as a generator of progress."""
    if not inspect.isgeneratorfunction(fn):
        raise TypeError(f"{fn.__name__} is not a generator function")

    @functools.wraps(fn)
    def wrapper(self: S, *args: P.args, **kwargs: P.kwargs) -> Generator[Y, Any, OpResult[T]]:
        return _wrap_generator(fn(self, *args, **kwargs))

    return wrapper
