"""The sentence embeddings (texts/embedding.py): offline, the package's own files, one load."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from smartpick.errors import DataFileError
from smartpick.texts import embedding

SENTENCES = ["The attending singled me out from the first day.", "I failed Step 1 in 2020.", ""]


def test_embedding_makes_no_network_call_in_a_fresh_process(tmp_path):
    """Loading the model and embedding text never opens a socket (any connect raises)."""
    script = textwrap.dedent(
        """
        import socket
        def refuse(*args, **kwargs):
            raise OSError("network used")
        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        from smartpick.texts.embedding import embed
        from smartpick.texts import review_text
        vectors = embed(["I failed Step 1 in 2020.", "The exam format disadvantaged me."])
        review = review_text("The exam format hurt me. I passed in 2021.", "additional-info")
        print(len(vectors), len(vectors[0]), review.score)
        """
    )
    src = str(Path(embedding.__file__).resolve().parents[2])
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": src, "PATH": "", "SMARTPICK_HOME": str(tmp_path), "HOME": str(tmp_path)},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("2 256")


def test_no_socket_is_opened_in_process(monkeypatch):
    calls = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise OSError("network used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    embedding._table.cache_clear()
    embedding._tokenizer.cache_clear()
    assert np.array(embedding.embed(SENTENCES)).shape == (3, embedding.DIMENSIONS)
    assert calls == []


def test_vectors_are_those_of_wordllama_itself():
    """The memory-mapped table, the cached chunks and mean pooling give WordLlama.embed's
    vectors, on the first call (tokeniser) and the second (cached chunks)."""
    wordllama = pytest.importorskip("wordllama")
    model = wordllama.WordLlama.load(cache_dir=embedding.package_folder(), disable_download=True)
    texts = [*SENTENCES[:2], "Dr. Osei   met me on 3 March 2021;\nI passed (score 243)."]
    theirs = model.embed([" ".join(t.split()) for t in texts])
    for _ in range(2):
        np.testing.assert_allclose(np.array(embedding.embed(texts)), theirs, atol=1e-3)


def test_chunk_tokens_equal_the_tokeniser_on_whole_sentences():
    tokenizer = embedding._tokenizer()
    texts = ["I failed Step 1 in 2020; the room was cold.", "He's  (very) well-read, isn't he?"]
    expected = [tokenizer.encode(" ".join(t.split()), add_special_tokens=False).ids for t in texts]
    assert embedding.token_ids(texts) == expected


def test_an_empty_text_is_a_zero_vector_and_no_text_is_no_vector():
    assert not any(embedding.embed([""])[0])
    assert embedding.embed([]) == []


def test_similar_wordings_are_closer_than_unrelated_ones():
    a, b, c = np.array(
        embedding.embed(
            [
                "The exam format disadvantaged international students.",
                "The test was designed in a way that put foreign graduates at a disadvantage.",
                "She placed fourteen arterial lines during the rotation.",
            ]
        )
    )

    def cosine(x: np.ndarray, y: np.ndarray) -> float:
        return float(x @ y / np.linalg.norm(x) / np.linalg.norm(y))

    assert cosine(a, b) > cosine(a, c)


def test_missing_weights_are_a_data_file_error_with_a_hint(monkeypatch, tmp_path):
    monkeypatch.setattr(embedding, "package_folder", lambda: tmp_path)
    embedding._table.cache_clear()
    try:
        with pytest.raises(DataFileError) as raised:
            embedding.embed(["any sentence"])
        assert "embedding" in raised.value.message and "wordllama" in (raised.value.hint or "")
    finally:
        embedding._table.cache_clear()
        embedding._tokenizer.cache_clear()


def test_damaged_weights_are_a_data_file_error(monkeypatch, tmp_path):
    (tmp_path / "weights").mkdir()
    (tmp_path / embedding.WEIGHTS).write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00{not json}")
    monkeypatch.setattr(embedding, "package_folder", lambda: tmp_path)
    embedding._table.cache_clear()
    try:
        with pytest.raises(DataFileError):
            embedding._table()
    finally:
        embedding._table.cache_clear()


def test_a_reviewed_text_leaves_none_of_its_words_on_disk(tmp_path, monkeypatch):
    """The words of an applicant's text are private: reviewing one writes none of them under
    smartpick's home (caches included)."""
    from smartpick.texts import review_text

    home = tmp_path / "home"
    monkeypatch.setenv("SMARTPICK_HOME", str(home))
    secret = "Zebrafinchovitz"  # a word no cache could hold before this test
    review_text(
        f"I failed Step 1 in 2021 while caring for my father after his {secret} diagnosis. "
        "I passed in 2022 with a score of 231 after twelve weeks of timed blocks.",
        "additional-info",
    )
    assert secret in "".join(embedding._KNOWN_CHUNKS)  # the embedding did read it
    for path in home.rglob("*") if home.exists() else []:
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path
