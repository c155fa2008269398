"""Find and read the input files of a source: a local folder or any fsspec URL.

A local folder is never left: links are resolved and those leading outside it are
rejected. Other filesystems (`s3://bucket/prefix`, `gcs://…`, `memory://…`) are
listed and read through fsspec, with their protocol's package installed.
"""

from __future__ import annotations

import hashlib
import os
import stat
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
        shown = _readable(relative)
        rejection = _not_a_source_file(path, shown, resolved_root)
        if rejection is not None:
            rejections.append(rejection)
            continue
        target = path.resolve()
        if target.is_dir():
            continue  # its files are listed one by one (a linked one's: elsewhere)
        unsupported = _undecodable_name(relative, shown) or _unsupported(relative)
        if unsupported:
            rejections.append(unsupported)
            continue
        info = target.stat()
        paths.append(relative)
        versions[relative] = f"{info.st_size}:{info.st_mtime_ns}"
    return SourceListing(paths, rejections, versions)


def _readable(relative: str) -> str:
    """The path as valid text: bytes of a name that are not UTF-8 (which Python holds
    as lone surrogates, and no table can store) spelled `\\xNN`."""
    return os.fsencode(relative).decode("utf-8", "backslashreplace")


def _undecodable_name(relative: str, shown: str) -> Rejection | None:
    if shown == relative:
        return None
    return Rejection(
        "split",
        shown,
        "undecodable_name",
        "the file name is not valid UTF-8 (its bytes are shown as \\xNN): "
        "rename the file to have it read",
    )


def _not_a_source_file(path: Path, relative: str, root: Path) -> Rejection | None:
    """Why an entry cannot be read as a file of the source, or None if it can be.

    Only `stat` is used, never `open`: opening a FIFO would block the run."""
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return Rejection("split", relative, "broken_link", "the link leads nowhere")
    except (OSError, RuntimeError):  # ELOOP; Python 3.11 raises RuntimeError
        return Rejection("split", relative, "link_loop", "the links lead in a loop")
    if not target.is_relative_to(root):
        return Rejection(
            "split",
            relative,
            "outside_source",
            "the link leads outside the source folder",
        )
    mode = target.stat().st_mode
    if stat.S_ISDIR(mode):
        if path.is_symlink() and path.parent.resolve().is_relative_to(target):
            return Rejection(
                "split",
                relative,
                "link_loop",
                "the link leads to a folder that holds it: following it would loop",
            )
        return None
    if not stat.S_ISREG(mode):
        return Rejection(
            "split",
            relative,
            "not_a_regular_file",
            f"a {_file_kind(mode)}, not a file: nothing to read",
        )
    return None


def _file_kind(mode: int) -> str:
    kinds = (
        (stat.S_ISFIFO, "FIFO (named pipe)"),
        (stat.S_ISSOCK, "socket"),
        (stat.S_ISCHR, "character device"),
        (stat.S_ISBLK, "block device"),
    )
    return next((name for test, name in kinds if test(mode)), "special file")


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


def is_local(source: str | Path) -> bool:
    """Whether `source` is a folder of this machine's file system (reading it costs
    no round trip per file)."""
    return isinstance(_open(source)[0], LocalFileSystem)


def read_sources(source: str | Path, paths: list[str], max_bytes: int) -> ReadSources:
    fs, root = _open(source)
    read_one = _read_local if isinstance(fs, LocalFileSystem) else _read_remote
    files, rejections = [], []
    for relative in paths:
        location = f"{root.rstrip('/')}/{relative}"
        try:
            content = read_one(fs, location, max_bytes)
        except OSError as error:
            rejections.append(Rejection("split", relative, "unreadable", str(error)))
            continue
        if isinstance(content, bytes):
            files.append((relative, content))
        else:
            reason, detail = content
            rejections.append(Rejection("split", relative, reason, detail))
    return ReadSources(files, rejections)


def _too_large(size: int, max_bytes: int) -> tuple[str, str]:
    return "too_large", f"{size} bytes is over the {max_bytes}-byte limit"


def _read_remote(fs, location: str, max_bytes: int) -> bytes | tuple[str, str]:
    size = fs.size(location)
    if size > max_bytes:
        return _too_large(size, max_bytes)
    return fs.cat_file(location)


def _read_local(fs, location: str, max_bytes: int) -> bytes | tuple[str, str]:
    """The file's bytes, opened without blocking: an entry that became a FIFO or
    device since it was listed is refused, not waited on."""
    handle = os.open(location, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(handle, "rb") as opened:
        mode = os.fstat(handle).st_mode
        if not stat.S_ISREG(mode):
            return "not_a_regular_file", f"a {_file_kind(mode)}, not a file"
        size = os.fstat(handle).st_size
        content = opened.read(max_bytes + 1) if size <= max_bytes else b""
        if size > max_bytes or len(content) > max_bytes:  # or it grew meanwhile
            return _too_large(max(size, len(content)), max_bytes)
        return content
