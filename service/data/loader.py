"""Reading the data files of ``municipalities/`` into validated objects.

Every problem is reported as ``file:line: message``; one bad file never hides another.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from .schema import Actors, Municipality

ACTORS_FILE = "_actors.yaml"


@dataclass(frozen=True)
class Problem:
    file: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class DataError(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


ACTORS_SCOPE = "actors"


@dataclass(frozen=True)
class Directory:
    """All contact data: the municipalities by SCB code, and the regional and national actors."""

    municipalities: dict[str, Municipality]
    actors: Actors
    revision: str = ""  # digest of the data, changes with any edit
    sources: dict[str, Path] = field(default_factory=dict)  # code -> file
    digests: dict[str, str] = field(default_factory=dict)  # scope (a code, or "actors") -> digest of its data

    def revision_of(self, code: str) -> str:
        """What one municipality's leaflets depend on: its own data and the actors'. A change
        elsewhere leaves it as it is (and its cached leaflets valid)."""
        return hashlib.sha256(f"{self.digests.get(ACTORS_SCOPE, '')}/{self.digests.get(code, '')}".encode()).hexdigest()[:12]


def _line_of(document: Any, loc: tuple) -> int:
    """The line (1-based) in the YAML source of the deepest part of ``loc`` that exists."""
    node, line = document, 1
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            line = node.lc.key(part)[0] + 1
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
            line = node.lc.item(part)[0] + 1
            node = node[part]
        else:
            break
    return line


def _describe(error: dict) -> str:
    loc = [str(p) for p in error["loc"] if not str(p).startswith(("function-after", "literal[", "list["))]
    where = ".".join(loc)
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        message = "unknown field (a typing mistake?)"
    elif error["type"] == "missing":
        message = "required field is missing"
    return f"{where}: {message}" if where else message


def _validate(path: Path, model: type[BaseModel]) -> tuple[Any, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = exc.object[:exc.start].count(b"\n") + 1
        return None, [Problem(path, line, f"not UTF-8 text ({exc.reason} at byte {exc.start}); save the file as UTF-8")]
    try:
        document = YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        return None, [Problem(path, line, f"not valid YAML: {exc.problem or exc.context}")]
    except ReaderError as exc:  # a control character the YAML reader refuses
        line = text.count("\n", 0, exc.position) + 1
        return None, [Problem(path, line, f"character U+{exc.character:04X} is not allowed in the file")]
    except YAMLError as exc:  # anything else the parser refuses: still a file and a line, never a traceback
        return None, [Problem(path, 1, f"not valid YAML: {exc}")]
    if not isinstance(document, CommentedMap):
        return None, [Problem(path, 1, "expected a mapping of fields at the top of the file")]
    try:
        return model.model_validate(document), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(p for p in error["loc"] if not str(p).startswith(("function-after", "literal[", "list[")))
            problems.append(Problem(path, _line_of(document, loc), _describe(error)))
        # one mistake can fail several alternatives (e.g. "all" or a list): say it once per line
        unique = {(p.line, p.message): p for p in problems}
        return None, sorted(unique.values(), key=lambda p: p.line)


def load_directory(folder: Path) -> Directory:
    """Load and validate every data file in ``folder``; raise DataError listing all problems."""
    problems: list[Problem] = []
    municipalities: dict[str, Municipality] = {}
    sources: dict[str, Path] = {}
    digest = hashlib.sha256()
    digests: dict[str, str] = {}

    actors_path = folder / ACTORS_FILE
    actors = Actors.model_construct(regional=[], national=[])  # only when the file is missing or broken
    if actors_path.exists():
        digest.update(actors_path.read_bytes())
        digests[ACTORS_SCOPE] = hashlib.sha256(actors_path.read_bytes()).hexdigest()
        loaded, found = _validate(actors_path, Actors)
        problems += found
        actors = loaded or actors
    else:
        problems.append(Problem(actors_path, 1, "file with the regional and national actors is missing"))

    for path in sorted(folder.glob("[0-9]*.yaml")):
        digest.update(path.name.encode() + path.read_bytes())
        municipality, found = _validate(path, Municipality)
        problems += found
        if municipality is None:
            continue
        if not path.name.startswith(municipality.code + "-"):
            problems.append(Problem(path, 1, f"file name should start with the code {municipality.code}-"))
        elif municipality.code in municipalities:
            problems.append(Problem(path, 1, f"code {municipality.code} is also in {sources[municipality.code]}"))
        else:
            municipalities[municipality.code] = municipality
            sources[municipality.code] = path
            digests[municipality.code] = hashlib.sha256(path.read_bytes()).hexdigest()

    if problems:
        raise DataError(problems)
    return Directory(municipalities, actors, digest.hexdigest()[:12], sources, digests)
