"""Sources as folders or fsspec URLs; warehouses as folders or file:// URLs."""

import contextlib
import os
import signal
import socket
import stat

import fsspec
import pyarrow as pa
import pytest

from flows.catalog import Catalog
from flows.sources import is_local, list_sources, listing_key, read_sources


@pytest.fixture
def memory_source():
    memory = fsspec.filesystem("memory")
    root = "/sources-test"
    memory.pipe(f"{root}/a.txt", b"First article")
    memory.pipe(f"{root}/sub/b.html", b"<p>Second article</p>")
    memory.pipe(f"{root}/.cache/c.txt", b"hidden")
    memory.pipe(f"{root}/d.pdf", b"%PDF")
    yield memory, root
    memory.rm(root, recursive=True)


def test_only_a_folder_of_this_machine_is_local(tmp_path, memory_source):
    assert is_local(tmp_path) and is_local(tmp_path.as_uri())
    assert not is_local("memory://sources-test")


def test_list_an_fsspec_url(memory_source):
    listing = list_sources("memory://sources-test")
    assert listing.paths == ["a.txt", "sub/b.html"]
    assert [(r.source_path, r.reason) for r in listing.rejections] == [
        ("d.pdf", "unsupported_type")
    ]
    assert set(listing.versions) == {"a.txt", "sub/b.html"}


def test_read_an_fsspec_url_with_the_size_limit(memory_source):
    read = read_sources("memory://sources-test", ["a.txt", "sub/b.html"], 13)
    assert read.files == [("a.txt", b"First article")]
    assert [(r.source_path, r.reason) for r in read.rejections] == [
        ("sub/b.html", "too_large")
    ]


def test_listing_key_changes_with_any_file(memory_source):
    memory, root = memory_source
    before = listing_key(list_sources("memory://sources-test"))
    assert listing_key(list_sources("memory://sources-test")) == before
    memory.pipe(f"{root}/a.txt", b"First article, corrected")
    assert listing_key(list_sources("memory://sources-test")) != before


def test_local_listing_key_sees_a_touched_file(tmp_path):
    (tmp_path / "a.txt").write_text("text")
    before = listing_key(list_sources(tmp_path))
    (tmp_path / "a.txt").write_text("TEXT")
    assert listing_key(list_sources(tmp_path)) != before


def test_a_missing_source_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="source folder not found"):
        list_sources(tmp_path / "nowhere")
    with pytest.raises(FileNotFoundError, match="source folder not found"):
        list_sources("memory://no-such-folder")


def test_a_warehouse_is_a_folder_or_a_file_url(tmp_path):
    assert Catalog.at(tmp_path.as_uri()).root == tmp_path
    assert Catalog.at(str(tmp_path)).root == tmp_path
    with pytest.raises(ValueError, match="local folder"):
        Catalog.at("memory://bucket/warehouse")


@pytest.fixture
def no_blocking():
    """Fail, instead of hanging the session, if listing or reading blocks."""

    def _blocked(signum, frame):
        raise TimeoutError("blocked: an entry was opened that never gives data")

    previous = signal.signal(signal.SIGALRM, _blocked)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _reasons(listing) -> dict[str, str]:
    return {r.source_path: r.reason for r in listing.rejections}


def test_a_name_that_is_not_utf8_is_set_aside_readably(tmp_path):
    (tmp_path / "good.txt").write_text("text")
    with open(os.fsencode(tmp_path) + b"/caf\xe9.txt", "wb") as out:
        out.write(b"Caf\xe9 text")
    listing = list_sources(tmp_path)
    assert listing.paths == ["good.txt"]
    assert _reasons(listing) == {"caf\\xe9.txt": "undecodable_name"}
    assert len(listing_key(listing)) == 64  # hashed without an encoding error
    rows = pa.table({"source_path": [r.source_path for r in listing.rejections]})
    assert rows.column(0).to_pylist() == ["caf\\xe9.txt"]  # storable text


def test_special_files_and_link_loops_get_a_row_and_never_block(tmp_path, no_blocking):
    (tmp_path / "a.txt").write_text("text")
    os.mkfifo(tmp_path / "pipe.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "socket.txt"))
    (tmp_path / "selfdir").symlink_to(".")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..")
    (tmp_path / "ping").symlink_to("pong")
    (tmp_path / "pong").symlink_to("ping")
    expected = {
        "pipe.txt": "not_a_regular_file",
        "socket.txt": "not_a_regular_file",
        "selfdir": "link_loop",
        "sub/up": "link_loop",
        "ping": "link_loop",
        "pong": "link_loop",
    }
    with contextlib.suppress(PermissionError):  # a container may forbid mknod
        os.mknod(tmp_path / "null.txt", stat.S_IFCHR | 0o600, os.makedev(1, 3))
        expected["null.txt"] = "not_a_regular_file"
    try:
        listing = list_sources(tmp_path)
    finally:
        server.close()
    assert listing.paths == ["a.txt"]
    assert _reasons(listing) == expected
    detail = {r.source_path: r.detail for r in listing.rejections}
    assert "FIFO" in detail["pipe.txt"] and "socket" in detail["socket.txt"]


def test_an_entry_that_became_a_fifo_after_listing_is_not_waited_on(
    tmp_path, no_blocking
):
    os.mkfifo(tmp_path / "late.txt")
    read = read_sources(tmp_path, ["late.txt"], 1000)
    assert read.files == []
    assert [(r.source_path, r.reason) for r in read.rejections] == [
        ("late.txt", "not_a_regular_file")
    ]


def test_local_reads_keep_the_size_limit(tmp_path):
    (tmp_path / "small.txt").write_bytes(b"x" * 10)
    (tmp_path / "big.txt").write_bytes(b"x" * 11)
    read = read_sources(tmp_path, ["small.txt", "big.txt"], 10)
    assert read.files == [("small.txt", b"x" * 10)]
    assert [(r.source_path, r.reason) for r in read.rejections] == [
        ("big.txt", "too_large")
    ]
