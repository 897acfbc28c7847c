"""The few SQL phrases SQLite and PostgreSQL spell differently, chosen when compiled.

Services build one statement; the dialect it runs on picks the spelling, so no service asks
which engine it is on:

- an id list of any length as ONE bound parameter (SQLite: ``json_each``, since an IN list of
  20,000 would pass its limit on parameters; PostgreSQL: ``= ANY(array)``);
- booleans aggregated (SQLite: min/max of 0/1; PostgreSQL: bool_and/bool_or) and SQLite's
  planner hint ``likely``;
- the task search over the diacritics-folded ``task.search_text`` (SQLite: the FTS5 index
  ``task_fts``; PostgreSQL: a LIKE on its words, which the pg_trgm GIN index of migration
  0008 serves). Both find a phrase of whole words whose last word may be a prefix.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import ARRAY, Boolean, Integer, bindparam
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement

from models.textfold import fold_tokens

# The indexed expression (migrations/versions/0008_postgres.py creates the same one): the folded
# text's words, separated by single spaces, with a leading space so every word starts after one.
PG_SEARCH_WORDS = "(' ' || regexp_replace(task.search_text, '[^[:alnum:]]+', ' ', 'g'))"


class IdsIn(ColumnElement[bool]):
    """``column IN ids``, the ids bound as one parameter."""

    inherit_cache = False
    type = Boolean()

    def __init__(self, column: Any, ids: tuple[int, ...]) -> None:
        self.column = column
        self.ids = tuple(int(i) for i in ids)


@compiles(IdsIn)
def _ids_in_sqlite(element: IdsIn, compiler: Any, **kw: Any) -> str:
    col = compiler.process(element.column, **kw)
    param = compiler.process(bindparam(None, json.dumps(list(element.ids))), **kw)
    return f"{col} IN (SELECT value FROM json_each({param}))"


@compiles(IdsIn, "postgresql")
def _ids_in_pg(element: IdsIn, compiler: Any, **kw: Any) -> str:
    col = compiler.process(element.column, **kw)
    param = compiler.process(bindparam(None, list(element.ids), type_=ARRAY(Integer)), **kw)
    return f"{col} = ANY({param})"


def fts_query(search: str) -> str | None:
    """A phrase query over folded tokens, the last one as a prefix: "de an" finds "Đề án"."""
    tokens = fold_tokens(search)
    if not tokens:
        return None
    return '"' + " ".join(tokens) + '"*'


class TaskTextMatches(ColumnElement[bool]):
    """``task.id`` is a task whose folded text holds the searched words (see the module doc)."""

    inherit_cache = False
    type = Boolean()

    def __init__(self, id_column: Any, search: str) -> None:
        self.id_column = id_column
        self.tokens = tuple(fold_tokens(search))


@compiles(TaskTextMatches)
def _matches_sqlite(element: TaskTextMatches, compiler: Any, **kw: Any) -> str:
    col = compiler.process(element.id_column, **kw)
    q = '"' + " ".join(element.tokens) + '"*'
    param = compiler.process(bindparam(None, q), **kw)
    return f"{col} IN (SELECT rowid FROM task_fts WHERE task_fts MATCH {param})"


@compiles(TaskTextMatches, "postgresql")
def _matches_pg(element: TaskTextMatches, compiler: Any, **kw: Any) -> str:
    # tokens are letters and digits only (fold_tokens splits on everything else): no LIKE escapes
    param = compiler.process(bindparam(None, "% " + " ".join(element.tokens) + "%"), **kw)
    return f"{PG_SEARCH_WORDS} LIKE {param}"


class bool_all(FunctionElement[bool]):
    """Whether every value is true: ``min`` of SQLite's 0/1, PostgreSQL's ``bool_and``."""

    type = Boolean()
    name = "bool_all"
    inherit_cache = True


class bool_any(FunctionElement[bool]):
    """Whether some value is true: ``max`` of SQLite's 0/1, PostgreSQL's ``bool_or``."""

    type = Boolean()
    name = "bool_any"
    inherit_cache = True


class likely(FunctionElement[bool]):
    """SQLite's planner hint ``likely(x)``; plain ``x`` elsewhere."""

    type = Boolean()
    name = "likely"
    inherit_cache = True


# each function's spelling: (SQLite, PostgreSQL); "" is the argument alone
_SPELLING: dict[type[FunctionElement[bool]], tuple[str, str]] = {
    bool_all: ("min", "bool_and"),
    bool_any: ("max", "bool_or"),
    likely: ("likely", ""),
}


def _spell(name: str) -> Any:
    def compile_it(element: FunctionElement[bool], compiler: Any, **kw: Any) -> str:
        return f"{name}({compiler.process(element.clauses, **kw)})"

    return compile_it


for _fn, (_lite, _pg) in _SPELLING.items():
    compiles(_fn)(_spell(_lite))
    compiles(_fn, "postgresql")(_spell(_pg))
