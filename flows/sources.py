"""Find and read the input files of a source folder, never leaving it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from transforms.stages import Rejection

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".csv")


@dataclass(frozen=True)
class SourceListing:
    paths: list[str]
    rejections: list[Rejection] = field(default_factory=list)


@dataclass(frozen=True)
class ReadSources:
    files: list[tuple[str, bytes]]
    rejections: list[Rejection] = field(default_factory=list)


def list_sources(root: Path) -> SourceListing:
    """Every file under `root`, as sorted relative paths; files of other kinds and
    links leading outside the folder are accounted for as rejections."""
    if not root.is_dir():
        raise FileNotFoundError(f"source folder not found: {root}")
    resolved_root = root.resolve()
    paths, rejections = [], []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            rejections.append(
                Rejection(
                    "split", relative, "broken_link", "the link leads nowhere or loops"
                )
            )
            continue
        if not target.is_relative_to(resolved_root):
            rejections.append(
                Rejection(
                    "split",
                    relative,
                    "outside_source",
                    "the link leads outside the source folder",
                )
            )
            continue
        if not target.is_file():
            continue
        if path.suffix.lower() not in SUFFIXES:
            rejections.append(
                Rejection(
                    "split",
                    relative,
                    "unsupported_type",
                    f"files ending in '{path.suffix}' are not read",
                )
            )
            continue
        paths.append(relative)
    return SourceListing(paths, rejections)


def read_sources(root: Path, paths: list[str], max_bytes: int) -> ReadSources:
    files, rejections = [], []
    for relative in paths:
        path = root / relative
        try:
            size = path.stat().st_size
            if size > max_bytes:
                rejections.append(
                    Rejection(
                        "split",
                        relative,
                        "too_large",
                        f"{size} bytes is over the {max_bytes}-byte limit",
                    )
                )
                continue
            files.append((relative, path.read_bytes()))
        except OSError as error:
            rejections.append(Rejection("split", relative, "unreadable", str(error)))
    return ReadSources(files, rejections)
