"""Files written for the user: checked before the work, written whole."""

from __future__ import annotations

import os

import pytest

from smartpick.errors import InputError
from smartpick.outputs import output_path, save_figure, write_whole


@pytest.mark.parametrize(
    ("name", "suffixes", "message"),
    [
        ("missing/report.html", (), "cannot write 'report.html': its folder does not exist"),
        ("curve.txt", (".png", ".svg"), "cannot write 'curve.txt': unknown format"),
        ("a-folder", (), "cannot write 'a-folder': it is a folder"),
    ],
)
def test_a_path_that_cannot_be_written_is_refused_with_the_field(tmp_path, name, suffixes, message):
    (tmp_path / "a-folder").mkdir()
    with pytest.raises(InputError) as raised:
        output_path(tmp_path / name, field="plot", suffixes=suffixes)
    assert raised.value.path == "plot"
    assert raised.value.message == message
    assert str(tmp_path) not in raised.value.message  # a folder may name the applicant


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to any folder: no refusal to see")
def test_a_folder_without_write_permission_is_refused(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o500)
    with pytest.raises(InputError, match="not writable"):
        output_path(folder / "r.html", field="output")


def test_writing_replaces_the_whole_file_and_leaves_no_temporary_file(tmp_path):
    out = tmp_path / "r.html"
    out.write_bytes(b"old report")
    write_whole(out, b"new report", field="output")
    assert out.read_bytes() == b"new report"
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing_half_written(tmp_path):
    out = tmp_path / "r.html"
    out.write_bytes(b"old report")
    (tmp_path / "gone").mkdir()
    with pytest.raises(InputError, match="cannot write"):
        write_whole(tmp_path / "gone" / "missing" / "r.html", b"new", field="output")
    assert out.read_bytes() == b"old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gone", "r.html"]
    assert list((tmp_path / "gone").iterdir()) == []


@pytest.mark.parametrize(("suffix", "magic"), [(".png", b"\x89PNG"), (".svg", b"<?xml")])
def test_a_figure_is_saved_in_the_format_its_name_says(tmp_path, suffix, magic):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots()
    axes.plot([0, 1], [0, 1])
    out = tmp_path / f"curve{suffix}"
    try:
        save_figure(figure, out, field="plot")
    finally:
        plt.close(figure)
    assert out.read_bytes().startswith(magic)
