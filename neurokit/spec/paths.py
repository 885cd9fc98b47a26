"""Field paths in a spec, as problems name them: ``('layers', 1, 'neuron')`` ⇄
``layers[1].neuron``.
"""

from __future__ import annotations

import json
import re

_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def format_path(loc: tuple) -> str:
    """('layers', 1, 'neuron') → 'layers[1].neuron'; an odd key is quoted: 'data["a b"]'."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif not _PLAIN_KEY.fullmatch(str(part)):
            # JSON escapes keep a key with a newline or a space from breaking the one-line error.
            path += f"[{json.dumps(str(part))}]"
        else:
            path += f".{part}" if path else str(part)
    return path


def split_path(path: str) -> tuple:
    """'layers[1].neuron' → ('layers', 1, 'neuron'): a path of plain keys back into its parts."""
    parts: list = []
    for chunk in path.split("."):
        name, _, rest = chunk.partition("[")
        parts.append(name)
        if rest:
            parts.append(int(rest.rstrip("]")))
    return tuple(parts)
