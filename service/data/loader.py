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
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from ..i18n.markers import S_
from ..i18n.refusal import Refusal
from .errors import location, refusal_of
from .schema import Actors, Municipality

ACTORS_FILE = "_actors.yaml"


@dataclass(frozen=True)
class Problem:
    file: Path
    line: int
    refusal: Refusal
    where: str = ""  # the path of fields: contacts.0.phone.value

    @property
    def message(self) -> str:
        """In English, as the command line prints it."""
        return f"{self.where}: {self.refusal}" if self.where else str(self.refusal)

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


class _Constructor(RoundTripConstructor):
    """Dates stay text until the schema reads them: an impossible one (2026-02-30) is then a
    problem at its line, not an exception of the YAML parser."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", lambda constructor, node: constructor.construct_scalar(node))


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    return yaml


def _validate(path: Path, model: type[BaseModel]) -> tuple[Any, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = exc.object[:exc.start].count(b"\n") + 1
        return None, [Problem(path, line, Refusal(S_("Filen är inte sparad som UTF-8 (byte {position}). Spara den som "
                                                     "UTF-8 och försök igen."), position=exc.start))]
    try:
        document = _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        return None, [Problem(path, line, Refusal(S_("Raden går inte att läsa som YAML ({detail}). Jämför indrag, "
                                                     "kolon och citattecken med raderna runt omkring."),
                                                  detail=exc.problem or exc.context))]
    except ReaderError as exc:  # a control character the YAML reader refuses
        line = text.count("\n", 0, exc.position) + 1
        return None, [Problem(path, line, Refusal(S_("Tecknet U+{code} får inte finnas i filen; ta bort det."),
                                                  code=f"{exc.character:04X}"))]
    except (YAMLError, ValueError) as exc:  # anything else the parser refuses: a file and a line, never a traceback
        return None, [Problem(path, 1, Refusal(S_("Filen går inte att läsa som YAML ({detail})."),
                                               detail=str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__))]
    if not isinstance(document, CommentedMap):
        return None, [Problem(path, 1, Refusal(S_("Filen ska börja med fält (code:, name:, contacts:), ett på varje "
                                                  "rad.")))]
    try:
        return model.model_validate(document), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = location(error)
            problems.append(Problem(path, _line_of(document, loc), refusal_of(error), ".".join(map(str, loc))))
        # one mistake can fail several alternatives (e.g. "all" or a list): say it once per line
        unique = {(p.line, p.where, p.refusal.message, tuple(p.refusal.values.items())): p for p in problems}
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
        problems.append(Problem(actors_path, 1, Refusal(S_("Filen med de regionala och nationella aktörerna saknas."))))

    for path in sorted(folder.glob("[0-9]*.yaml")):
        digest.update(path.name.encode() + path.read_bytes())
        municipality, found = _validate(path, Municipality)
        problems += found
        if municipality is None:
            continue
        if not path.name.startswith(municipality.code + "-"):
            problems.append(Problem(path, 1, Refusal(S_("Filens namn ska börja med koden {code}-, till exempel "
                                                        "{code}-{name}.yaml."),
                                                     code=municipality.code, name=path.stem.split("-", 1)[-1])))
        elif municipality.code in municipalities:
            problems.append(Problem(path, 1, Refusal(S_("Koden {code} finns också i {other}; en kommun har en fil."),
                                                     code=municipality.code, other=sources[municipality.code].name)))
        else:
            municipalities[municipality.code] = municipality
            sources[municipality.code] = path
            digests[municipality.code] = hashlib.sha256(path.read_bytes()).hexdigest()

    if problems:
        raise DataError(problems)
    return Directory(municipalities, actors, digest.hexdigest()[:12], sources, digests)
