"""A Babel extractor for the Swedish descriptions in the contact data files."""

from __future__ import annotations

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq


def _walk(node):
    if isinstance(node, CommentedMap):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                yield node.lc.value(key)[0] + 1, value
            else:
                yield from _walk(value)
    elif isinstance(node, CommentedSeq):
        for item in node:
            yield from _walk(item)


def extract_descriptions(fileobj, keywords, comment_tags, options):
    """Yield (line, funcname, message, comments) for every ``description`` field."""
    document = YAML(typ="rt").load(fileobj.read().decode("utf-8"))
    for line, text in _walk(document):
        yield line, None, text.strip(), ["contact description"]
