"""The current contact data back as data files, in the format of ``municipalities/``: what
`infogen check` and a fresh database's seed both read."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

from ruamel.yaml import YAML

from ..data.loader import ACTORS_FILE
from .revisions import ACTORS, ContactData


def file_name(code: str, name: str) -> str:
    """0127 Botkyrka → 0127-botkyrka.yaml, the shipped files' naming."""
    ascii_name = unicodedata.normalize("NFKD", name.lower()).encode("ascii", "ignore").decode()
    return f"{code}-{re.sub(r'[^a-z0-9]+', '-', ascii_name).strip('-')}.yaml"


def export_directory(contacts: ContactData, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    yaml = YAML()
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    written = []
    for scope in [ACTORS, *sorted(contacts.directory().municipalities)]:
        revision = contacts.current(scope)
        name = ACTORS_FILE if scope == ACTORS else file_name(scope, revision.data["name"])
        target = folder / name
        # written beside and renamed into place: a failed export never leaves half a file
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, delete=False, suffix=".tmp") as f:
            f.write(f"# exported from infogen: revision {revision.number} of {scope}\n")
            yaml.dump(revision.data, f)
        os.replace(f.name, target)
        written.append(target)
    return written
