"""Builds the Teams app package (manifest.json + two icons, zipped) to upload in Teams.

    TEAMS_APP_ID=<id de l'application> TEAMS_HOST=assistant.example.fr python deploy/teams/package.py OUT.zip

The manifest comes from manifest.template.json ({{VARIABLE}} placeholders); the icons (192 x 192
colour, 32 x 32 white outline on transparent) are drawn here, so no binary file lives in the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import struct
import sys
import zipfile
import zlib
from pathlib import Path
from typing import Callable, Dict, Mapping, Tuple

TEMPLATE = Path(__file__).with_name("manifest.template.json")
GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
HOST = re.compile(r"^[a-z0-9.-]+(:\d+)?$", re.IGNORECASE)
GREEN = (0x1B, 0x5E, 0x20, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)
Pixel = Tuple[int, int, int, int]


def settings(env: Mapping[str, str]) -> Dict[str, str]:
    """The placeholders' values; a clear French message when one is missing or malformed."""
    values = {
        "TEAMS_APP_ID": env.get("TEAMS_APP_ID", "").strip(),
        "TEAMS_HOST": env.get("TEAMS_HOST", "").strip(),
        "TEAMS_DEVELOPER_NAME": env.get("TEAMS_DEVELOPER_NAME", "").strip() or "Assistant achats durables",
        "TEAMS_APP_VERSION": env.get("TEAMS_APP_VERSION", "").strip() or "1.0.0",
    }
    if not GUID.match(values["TEAMS_APP_ID"]):
        raise ValueError("TEAMS_APP_ID doit contenir l'identifiant (GUID) de l'application Azure du bot.")
    if not HOST.match(values["TEAMS_HOST"]):
        raise ValueError(
            "TEAMS_HOST doit contenir le nom d'hôte public de l'assistant, sans https:// "
            "(par exemple assistant.example.fr)."
        )
    return values


def render(values: Mapping[str, str]) -> str:
    def replace(match: re.Match[str]) -> str:
        return json.dumps(values[match.group(1)])[1:-1]

    manifest = re.sub(r"\{\{([A-Z_]+)\}\}", replace, TEMPLATE.read_text(encoding="utf-8"))
    json.loads(manifest)  # still valid JSON
    return manifest


def png(size: int, pixel: Callable[[int, int], Pixel]) -> bytes:
    """A minimal RGBA PNG."""
    rows = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(size)) for y in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def leaf(size: int, x: int, y: int) -> bool:
    """A leaf: the intersection of two discs, tilted along the diagonal."""
    cx, cy, radius = size / 2, size / 2, size * 0.5
    offset = radius * 0.42
    first = (x - (cx - offset)) ** 2 + (y - (cy - offset)) ** 2 <= radius**2
    second = (x - (cx + offset)) ** 2 + (y - (cy + offset)) ** 2 <= radius**2
    return first and second


def icons() -> Dict[str, bytes]:
    return {
        "color.png": png(192, lambda x, y: WHITE if leaf(192, x, y) else GREEN),
        "outline.png": png(32, lambda x, y: WHITE if leaf(32, x, y) else CLEAR),
    }


def build(out: Path, env: Mapping[str, str]) -> Path:
    manifest = render(settings(env))
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", manifest)
        for name, data in icons().items():
            archive.writestr(name, data)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="fichier .zip à produire")
    args = parser.parse_args()
    try:
        path = build(args.out, os.environ)
    except ValueError as error:
        print(f"Paquet Teams non créé : {error}", file=sys.stderr)
        return 2
    print(f"Paquet Teams prêt : {path} (à importer dans Teams > Applications > Gérer vos applications).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
