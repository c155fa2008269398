"""Render a warehouse's HTML reports in headless Chromium and check they are not blank.

    uv run python scripts/screenshot_reports.py WAREHOUSE [OUT_DIR]

Takes a 1280×2000 screenshot of report.html, data_dictionary.html, the Data Docs index
and the newest validation page, and fails (exit 1) when one looks blank. Chromium runs
with background networking off, so what it shows is what a reader sees offline.
"""

from __future__ import annotations

import logging
import struct
import subprocess
import sys
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

CHROMIUM = Path("/usr/bin/chromium")
WINDOW = (1280, 2000)
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
DATA_DOCS = Path("validation/gx/uncommitted/data_docs/local_site")
logger = logging.getLogger("screenshot_reports")


@dataclass(frozen=True)
class PixelStats:
    std: float  # standard deviation of grey levels, 0..255
    inked: float  # share of pixels that differ from the most common colour
    coloured: float  # share of clearly coloured (not grey) pixels


def screenshot(
    page: Path, png: Path, chromium: Path = CHROMIUM, timeout: int = 90
) -> Path:
    """One headless Chromium screenshot of a local HTML file."""
    with tempfile.TemporaryDirectory(prefix="sciwire-chromium-") as profile:
        command = [
            str(chromium),
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--screenshot={png}",
            f"--window-size={WINDOW[0]},{WINDOW[1]}",
            page.resolve().as_uri(),
        ]
        subprocess.run(command, check=True, capture_output=True, timeout=timeout)
    if not png.exists():
        raise RuntimeError(f"chromium wrote no screenshot of {page}")
    return png


def decode_png(data: bytes, max_rows: int | None = None) -> np.ndarray:
    """8-bit RGB/RGBA PNG → (rows, width, channels) uint8 array (stdlib + numpy).

    Rows are unfiltered top-down in Python, so `max_rows` keeps the check quick.
    """
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, header = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        header = struct.unpack(">IIBBBBB", body) if kind == b"IHDR" else header
        idat += [body] if kind == b"IDAT" else []
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError("only 8-bit, non-interlaced RGB/RGBA PNGs are decoded")
    channels = 3 if colour == 2 else 4
    stride = width * channels
    raw = np.frombuffer(zlib.decompress(b"".join(idat)), dtype=np.uint8)
    height = min(height, max_rows or height)
    rows = raw[: height * (stride + 1)].reshape(height, stride + 1)
    pixels = np.zeros((height, stride), dtype=np.uint8)
    previous = np.zeros(stride, dtype=np.uint8)
    for y in range(height):
        pixels[y] = previous = _unfilter(rows[y, 0], rows[y, 1:], previous, channels)
    return pixels.reshape(height, width, channels)


def _unfilter(kind: int, line: np.ndarray, up: np.ndarray, bpp: int) -> np.ndarray:
    if kind == 0:
        return line
    if kind == 2:
        return line + up  # uint8 arithmetic wraps modulo 256, as PNG wants
    if kind == 1:
        cells = line.reshape(-1, bpp).astype(np.uint32)
        return (np.cumsum(cells, axis=0) % 256).astype(np.uint8).reshape(-1)
    out, raw, above = bytearray(len(line)), line.tolist(), up.tolist()
    for i, value in enumerate(raw):
        left = out[i - bpp] if i >= bpp else 0
        if kind == 3:
            out[i] = (value + (left + above[i]) // 2) & 0xFF
            continue
        corner = above[i - bpp] if i >= bpp else 0
        p = left + above[i] - corner
        pa, pb, pc = abs(p - left), abs(p - above[i]), abs(p - corner)
        best = left if pa <= pb and pa <= pc else above[i] if pb <= pc else corner
        out[i] = (value + best) & 0xFF
    return np.frombuffer(bytes(out), dtype=np.uint8)


def pixel_stats(png: Path, max_rows: int = 720) -> PixelStats:
    """Contrast and ink of the top of a screenshot (where every report starts)."""
    rgb = decode_png(png.read_bytes(), max_rows)[:, :, :3].astype(np.int16)
    grey = rgb.mean(axis=2)
    background = rgb[0, 0]  # the page's top-left corner: its background
    inked = float(np.any(rgb != background, axis=2).mean())
    coloured = float(((rgb.max(axis=2) - rgb.min(axis=2)) > 60).mean())
    return PixelStats(float(grey.std()), inked, coloured)


def looks_rendered(stats: PixelStats) -> bool:
    """Not a blank page: some contrast and at least 1% of pixels drawn."""
    return stats.std > 8 and stats.inked > 0.01


def report_pages(warehouse: Path) -> dict[str, Path]:
    """The pages worth a look, by short name (missing ones left out)."""
    site = warehouse / DATA_DOCS
    pages = {
        "report": warehouse / "report.html",
        "data_dictionary": warehouse / "data_dictionary.html",
        "data_docs_index": site / "index.html",
    }
    validations = (
        sorted((site / "validations").rglob("*.html"), key=lambda p: p.stat().st_mtime)
        if (site / "validations").is_dir()
        else []
    )
    if validations:
        pages["data_docs_validation"] = validations[-1]
    return {name: page for name, page in pages.items() if page.exists()}


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if not argv or not CHROMIUM.exists():
        logger.error("usage: screenshot_reports.py WAREHOUSE [OUT]; needs %s", CHROMIUM)
        return 2
    warehouse = Path(argv[0])
    out = Path(argv[1]) if len(argv) > 1 else warehouse / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for name, page in report_pages(warehouse).items():
        stats = pixel_stats(screenshot(page, out / f"{name}.png"))
        ok = looks_rendered(stats)
        failed += not ok
        logger.info("%s %s: %s", "ok  " if ok else "BLANK", out / f"{name}.png", stats)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
