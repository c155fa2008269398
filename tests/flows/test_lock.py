"""One writer per warehouse."""

import os
import signal
import subprocess
import sys
import time

import pytest

from flows.lock import WarehouseBusy, warehouse_lock


def test_a_second_writer_is_refused_with_a_clear_message(tmp_path):
    lock = tmp_path / ".lock"
    with warehouse_lock(lock):
        with pytest.raises(WarehouseBusy, match="being written by pid"):
            with warehouse_lock(lock, wait_seconds=0.2):
                pass
    with warehouse_lock(lock):  # released once the first writer is done
        pass


def test_a_killed_writer_leaves_no_lock_behind(tmp_path):
    lock = tmp_path / ".lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; "
            "from flows.lock import warehouse_lock\n"
            f"with warehouse_lock(Path({str(lock)!r})):\n"
            "    print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=os.getcwd(),
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(WarehouseBusy):
        with warehouse_lock(lock):
            pass
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    start = time.monotonic()
    with warehouse_lock(lock, wait_seconds=5):
        assert time.monotonic() - start < 5
