"""Files written whole or not at all, and the run's temporary folder removed however it ends."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nhsplan.io import _atomic
from nhsplan.io._atomic import atomic_write, atomic_write_bytes, scratch

FIGURES = "org,metric,period,value,unit,numerator,denominator\nRBD,ae_4_hour,2021-12,,,90,100\n"


@pytest.fixture(params=["nameless", "named"])
def kind(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Both ways of making the new file: O_TMPFILE (Linux) and a hidden named file."""
    if request.param == "named":
        monkeypatch.setattr(_atomic, "_O_TMPFILE", 0)
    elif not _atomic._O_TMPFILE:  # pragma: no cover - not Linux
        pytest.skip("no O_TMPFILE here")
    name: str = request.param
    return name


class TestAtomicWrite:
    def test_replaces_whole_and_keeps_the_mode(self, tmp_path: Path, kind: str) -> None:
        target = tmp_path / "out.csv"
        target.write_text("old", encoding="utf-8")
        target.chmod(0o640)
        with atomic_write(target, newline="") as stream:
            stream.write("new\r\n")
        assert target.read_bytes() == b"new\r\n"
        assert target.stat().st_mode & 0o777 == 0o640
        assert os.listdir(tmp_path) == ["out.csv"]

    def test_a_link_is_written_through(self, tmp_path: Path, kind: str) -> None:
        real = tmp_path / "real.csv"
        real.write_text("old", encoding="utf-8")
        link = tmp_path / "link.csv"
        link.symlink_to(real)
        atomic_write_bytes(link, b"new")
        assert link.is_symlink()
        assert real.read_bytes() == b"new"

    def test_new_file_gets_the_usual_mode(self, tmp_path: Path, kind: str) -> None:
        target = tmp_path / "new.bin"
        atomic_write_bytes(target, b"\x00\x01")
        assert target.read_bytes() == b"\x00\x01"
        umask = os.umask(0)
        os.umask(umask)
        assert target.stat().st_mode & 0o777 == 0o666 & ~umask

    def test_an_error_keeps_the_old_file_and_leaves_nothing(
        self, tmp_path: Path, kind: str
    ) -> None:
        target = tmp_path / "out.csv"
        target.write_text("old", encoding="utf-8")

        def half_written() -> None:
            with atomic_write(target) as stream:
                stream.write("half" * 100_000)
                raise RuntimeError

        with pytest.raises(RuntimeError):
            half_written()
        assert target.read_text(encoding="utf-8") == "old"
        assert os.listdir(tmp_path) == ["out.csv"]

    def test_a_missing_folder_is_an_os_error(self, tmp_path: Path, kind: str) -> None:
        with pytest.raises(FileNotFoundError):
            atomic_write_bytes(tmp_path / "no" / "out.csv", b"x")

    def test_a_killed_writers_hidden_copy_is_removed_once_stale(
        self, tmp_path: Path, kind: str
    ) -> None:
        """What ``kill -9`` between link and rename leaves: removed by the next write, if old."""
        target = tmp_path / "out.csv"
        target.write_text("old", encoding="utf-8")
        stale = tmp_path / ".out.csv.0123456789ab.tmp"
        fresh = tmp_path / ".out.csv.ba9876543210.tmp"
        other = tmp_path / ".other.csv.0123456789ab.tmp"
        partial = tmp_path / ".out.csv.k2j_x9q1.tmp"  # the named way's: maybe a live writer's
        for path in (stale, fresh, other, partial):
            path.write_text("whole", encoding="utf-8")
            if path is not fresh:
                os.utime(path, (0, 0))
        atomic_write_bytes(target, b"new")
        assert target.read_bytes() == b"new"
        assert sorted(os.listdir(tmp_path)) == sorted(
            [fresh.name, other.name, partial.name, "out.csv"]
        )


_SLOW_WRITER = """
import sys, time
from nhsplan.io._atomic import atomic_write
with atomic_write(sys.argv[1]) as stream:
    for i in range(10_000):
        stream.write("x" * 100_000)
        stream.flush()
        if i == 10:
            print("writing", flush=True)
        time.sleep(0.001)
"""


class TestKilled:
    @pytest.mark.parametrize("trial", range(3))
    def test_kill_9_during_a_large_write_keeps_the_old_file(
        self, tmp_path: Path, trial: int
    ) -> None:
        target = tmp_path / "out.csv"
        target.write_text("old, complete", encoding="utf-8")
        child = subprocess.Popen(
            [sys.executable, "-c", _SLOW_WRITER, str(target)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None
        assert child.stdout.readline() == "writing\n"  # a megabyte written, more to come
        time.sleep(0.01 * trial)
        child.kill()
        child.wait()
        child.stdout.close()
        assert target.read_text(encoding="utf-8") == "old, complete"
        assert os.listdir(tmp_path) == ["out.csv"]

    def test_file_size_limit_keeps_the_old_file_and_exits_2(self, tmp_path: Path) -> None:
        figures = tmp_path / "figures.csv"
        figures.write_text(FIGURES, encoding="utf-8")
        target = tmp_path / "out.json"
        target.write_text("old", encoding="utf-8")

        def limit() -> None:  # the report is far longer than 200 bytes
            resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))

        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "nhsplan",
                "evaluate",
                str(figures),
                "--edition",
                "standards",
                "--as-of",
                "2021-12-31",
                "--format",
                "json",
                "--output",
                str(target),
            ],
            preexec_fn=limit,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith(f"nhsplan: error: cannot write the output to {target}: ")
        assert "too large" in done.stderr
        assert "Traceback" not in done.stderr
        assert target.read_text(encoding="utf-8") == "old"
        assert sorted(os.listdir(tmp_path)) == ["figures.csv", "out.json"]


def _nhsplan_waiting_on_stdin(tmp: Path) -> subprocess.Popen[str]:
    """``nhsplan evaluate -`` reading from a pipe we keep open: a run that is in progress."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "nhsplan",
            "evaluate",
            "-",
            "--edition",
            "standards",
            "--as-of",
            "2021-12-31",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp)},
        # A shell's background job ignores SIGINT, and a child would inherit that.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # noqa: PLW1509
    )


def _scratch_folders(tmp: Path) -> list[str]:
    return sorted(p.name for p in tmp.iterdir() if p.name.startswith("nhsplan-"))


def _wait_for_folder(tmp: Path) -> None:
    """Until the run's folder is there with its lock held (taken just after the folder is made)."""
    for _ in range(600):
        if any((tmp / name / ".lock").exists() for name in _scratch_folders(tmp)):
            return
        time.sleep(0.05)
    pytest.fail("the run made no temporary folder")


class TestRunFolder:
    @pytest.mark.parametrize(
        ("signum", "code"), [(signal.SIGTERM, 128 + 15), (signal.SIGINT, None)]
    )
    def test_a_stopped_run_removes_its_folder(
        self, tmp_path: Path, signum: int, code: int | None
    ) -> None:
        child = _nhsplan_waiting_on_stdin(tmp_path)
        _wait_for_folder(tmp_path)
        assert child.stdin is not None
        child.stdin.write(FIGURES.splitlines()[0] + "\n")
        child.stdin.flush()
        child.send_signal(signum)
        _, err = child.communicate(timeout=60)
        assert child.returncode != 0
        if code is not None:
            assert child.returncode == code, err
        assert _scratch_folders(tmp_path) == []

    def test_a_killed_runs_folder_is_removed_by_the_next_run(self, tmp_path: Path) -> None:
        child = _nhsplan_waiting_on_stdin(tmp_path)
        _wait_for_folder(tmp_path)
        child.kill()
        child.communicate(timeout=60)
        assert len(_scratch_folders(tmp_path)) == 1  # kill -9 lets nothing run
        done = subprocess.run(
            [sys.executable, "-m", "nhsplan", "editions"],
            capture_output=True,
            check=True,
            env={**os.environ, "TMPDIR": str(tmp_path)},
        )
        assert done.returncode == 0
        assert _scratch_folders(tmp_path) == []

    def test_a_folder_killed_before_its_lock_is_removed_once_old(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """kill -9 between making the folder and taking its lock leaves a folder with no lock."""
        monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
        young, old = tmp_path / "nhsplan-young", tmp_path / "nhsplan-old"
        for folder in (young, old):
            folder.mkdir()
            (folder / ".lock-new").touch()
        an_hour_ago = time.time() - 3600
        os.utime(old, (an_hour_ago, an_hour_ago))
        with scratch():
            pass
        assert _scratch_folders(tmp_path) == ["nhsplan-young"]  # it may be being made now

    def test_a_live_runs_folder_is_kept(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
        with scratch() as mine:
            _atomic._sweep()  # another run starting now
            assert mine.is_dir()
            with scratch() as inner:
                assert inner.parent == mine
            assert not inner.exists()
        assert not mine.exists()

    def test_a_folder_without_a_lock_is_not_ours(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
        other = tmp_path / "nhsplan-someone-else"
        other.mkdir()
        _atomic._sweep()
        assert other.is_dir()


class TestOutputsCheckedFirst:
    def test_report_to_a_missing_folder_fails_before_reading(self, tmp_path: Path) -> None:
        from nhsplan import cli  # noqa: PLC0415

        code = cli.main(
            [
                "report",
                str(tmp_path / "no-such-figures.csv"),
                "--edition",
                "standards",
                "--as-of",
                "2021-12-31",
                "--html",
                str(tmp_path / "missing" / "r.html"),
            ]
        )
        assert code == 2
        assert not (tmp_path / "missing").exists()


def test_measures_spill_to_the_temporary_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DuckDB's spill files go to the temporary directory, not ".tmp" in the working folder."""
    pytest.importorskip("ibis")
    from nhsplan.engines.measures import connect  # noqa: PLC0415

    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    setting = connect("duckdb").raw_sql("SELECT current_setting('temp_directory')").fetchall()
    assert setting == [(str(tmp_path),)]
