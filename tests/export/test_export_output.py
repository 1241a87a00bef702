"""export --output: devices, links and pipes are written through, never replaced (issue 13, item 1)."""

from __future__ import annotations

import os
import stat
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))

from store_fakes import scripted_factory, story_line, write_jsonl  # noqa: E402

from eventwire.app.pipeline import ingest  # noqa: E402
from eventwire.errors import ConfigError  # noqa: E402
from eventwire.export import export  # noqa: E402
from eventwire.store import Store  # noqa: E402


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    tmp = tmp_path_factory.mktemp("export_output")
    records = [
        {"id": "r1", "source": "Reuters", "date": "2024-03-01",
         "text": story_line("TURGOV", "040", "IRNGOV", "Ankara,TUR", words="The foreign ministers of Turkey and Iran met")},
    ]  # fmt: skip
    s = Store(tmp / "s.duckdb")
    ingest(s, [write_jsonl(tmp / "in.jsonl", records)], workers=1, coder_factory=scripted_factory)
    yield s
    s.close()


def test_export_output_symlink_is_written_through(store: Store, tmp_path: Path) -> None:
    """A symlink given as --output stays a link; the file it points to gets the export."""
    target = tmp_path / "real.tsv"
    target.write_text("old\n")
    link = tmp_path / "link.tsv"
    link.symlink_to(target)
    export(store, "gdelt", str(link))
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert len(target.read_text().split("\t")) == 61


def test_export_output_fifo_is_written_through(store: Store, tmp_path: Path) -> None:
    """A FIFO given as --output stays a FIFO; its reader gets the rows."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    export(store, "jsonl", str(fifo))
    reader.join(10)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and b'"040"' in got[0]


def test_export_output_device_is_written_through(store: Store, tmp_path: Path) -> None:
    """A character device (a second /dev/null made for the test) stays a device."""
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    export(store, "gdelt", str(null))
    assert stat.S_ISCHR(os.lstat(null).st_mode)


def test_export_file_gets_the_umask_mode(store: Store, tmp_path: Path) -> None:
    """A new export file gets 0666 less the umask (not mkstemp's 0600); nothing temporary is left."""
    old = os.umask(0o022)
    try:
        export(store, "icews", str(tmp_path / "e.tab"))
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "e.tab").st_mode) == 0o644
    assert os.listdir(tmp_path) == ["e.tab"]


def test_export_to_stdout_with_dash_or_no_output(store: Store, capfd: pytest.CaptureFixture[str]) -> None:
    """`-` or no output writes to stdout for every format but Parquet, which needs a folder."""
    for output in ("-", None):
        summary = export(store, "gdelt", output)
        assert summary.path == "<stdout>"
        assert len(capfd.readouterr().out.split("\t")) == 61
    with pytest.raises(ConfigError, match="Parquet"):
        export(store, "parquet", "-")


def test_export_creates_a_missing_folder_like_parquet_and_db(store: Store, tmp_path: Path) -> None:
    """One behaviour for a missing folder: file exports create it, as Parquet and --db do."""
    out = tmp_path / "new" / "deeper" / "e.tsv"
    export(store, "gdelt", str(out))
    assert out.is_file()


def test_failed_parquet_export_leaves_nothing_and_the_rerun_works(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Parquet export that fails half-way leaves no partial files; the same command then succeeds."""
    import pyarrow.dataset as ds

    from eventwire.errors import EventwireError

    real = ds.write_dataset

    def fail_half_way(table, base_dir, **kw):  # type: ignore[no-untyped-def]
        os.makedirs(os.path.join(base_dir, "month=2024-03"), exist_ok=True)
        Path(base_dir, "month=2024-03", "part-0.parquet").write_bytes(b"PAR1 partial")
        raise OSError(28, "No space left on device")

    out = tmp_path / "pq"
    monkeypatch.setattr(ds, "write_dataset", fail_half_way)
    with pytest.raises(EventwireError, match="No space left"):
        export(store, "parquet", str(out))
    assert os.listdir(tmp_path) == []
    monkeypatch.setattr(ds, "write_dataset", real)
    assert export(store, "parquet", str(out)).rows == 1
