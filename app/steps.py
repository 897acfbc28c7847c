"""Running a step-yielding job to its end where nobody shows its progress.

Long jobs (parsing an appendix, previewing an import, a batch of letters) are generators that
yield ``(done, total)`` for the window's progress bar and return their result; the command
line, tests and plain service calls only want the result.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any, TypeVar

T = TypeVar("T")


def run_to_end(gen: Generator[Any, Any, T]) -> T:
    """Drive ``gen`` through every step, ignoring what it yields; its return value."""
    while True:
        try:
            next(gen)
        except StopIteration as stop:
            result: T = stop.value
            return result
