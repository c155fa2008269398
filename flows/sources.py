"""Find and read the input files of a source: a local folder or any fsspec URL.

A local folder is never left: links are resolved and those leading outside it are
rejected. Other filesystems (`s3://bucket/prefix`, `gcs://…`, `memory://…`) are
listed and read through fsspec, with their protocol's package installed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import fsspec
from fsspec.implementations.local import LocalFileSystem

from transforms.rejections import Rejection

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".csv")


@dataclass(frozen=True)
class SourceListing:
    paths: list[str]
    rejections: list[Rejection] = field(default_factory=list)
    # relative path → size and modification stamp, for the quick change check
    versions: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReadSources:
    files: list[tuple[str, bytes]]
    rejections: list[Rejection] = field(default_factory=list)


def _open(source: str | Path) -> tuple[fsspec.AbstractFileSystem, str]:
    fs, root = fsspec.core.url_to_fs(str(source))
    return fs, root


def list_sources(source: str | Path) -> SourceListing:
    """Every file under `source`, as sorted relative paths; files of other kinds and
    links leading outside the folder are accounted for as rejections."""
    fs, root = _open(source)
    if isinstance(fs, LocalFileSystem):
        return _list_local(Path(root))
    if not fs.isdir(root):
        raise FileNotFoundError(f"source folder not found: {source}")
    found = fs.find(root, detail=True)
    prefix = root.rstrip("/") + "/"
    entries = {
        name[len(prefix) :]: info
        for name, info in found.items()
        if name.startswith(prefix) and info.get("type") != "directory"
    }
    paths, rejections, versions = [], [], {}
    for relative in sorted(entries):
        if _is_hidden(relative):
            continue
        unsupported = _unsupported(relative)
        if unsupported:
            rejections.append(unsupported)
            continue
        info = entries[relative]
        stamp = next(
            (
                info[k]
                for k in ("mtime", "LastModified", "updated", "ETag", "created")
                if k in info
            ),
            "",
        )
        paths.append(relative)
        versions[relative] = f"{info.get('size')}:{stamp}"
    return SourceListing(paths, rejections, versions)


def _is_hidden(relative: str) -> bool:
    return any(part.startswith(".") for part in PurePosixPath(relative).parts)


def _unsupported(relative: str) -> Rejection | None:
    suffix = PurePosixPath(relative).suffix
    if suffix.lower() not in SUFFIXES:
        return Rejection(
            "split",
            relative,
            "unsupported_type",
            f"files ending in '{suffix}' are not read",
        )
    return None


def _list_local(root: Path) -> SourceListing:
    if not root.is_dir():
        raise FileNotFoundError(f"source folder not found: {root}")
    resolved_root = root.resolve()
    paths, rejections, versions = [], [], {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if _is_hidden(relative):
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
        unsupported = _unsupported(relative)
        if unsupported:
            rejections.append(unsupported)
            continue
        stat = target.stat()
        paths.append(relative)
        versions[relative] = f"{stat.st_size}:{stat.st_mtime_ns}"
    return SourceListing(paths, rejections, versions)


def listing_key(listing: SourceListing) -> str:
    """A hash of every listed file's path, size and modification stamp (and of what
    the listing rejected): equal keys mean the source has not changed, as far as a
    quick check like rsync's can tell."""
    digest = hashlib.sha256()
    for relative in listing.paths:
        digest.update(f"{relative}\0{listing.versions.get(relative)}\n".encode())
    for rejection in listing.rejections:
        digest.update(f"{rejection.source_path}\0{rejection.reason}\n".encode())
    return digest.hexdigest()


def read_sources(source: str | Path, paths: list[str], max_bytes: int) -> ReadSources:
    fs, root = _open(source)
    files, rejections = [], []
    for relative in paths:
        location = f"{root.rstrip('/')}/{relative}"
        try:
            size = fs.size(location)
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
            files.append((relative, fs.cat_file(location)))
        except OSError as error:
            rejections.append(Rejection("split", relative, "unreadable", str(error)))
    return ReadSources(files, rejections)
