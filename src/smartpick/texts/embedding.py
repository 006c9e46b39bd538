"""Sentence embeddings offline: the static token embeddings shipped in the ``wordllama`` wheel.

WordLlama (PyPI ``wordllama`` 0.4.0.post1, MIT licence, Lee Miller) ships its default model
inside the package: a 32,000 x 256 table of token vectors (``weights/l2_supercat_256
.safetensors``, 16 MB, float16) trained from the token-embedding codebooks of large language
models, and the LLaMA 2 tokenizer that indexes it (``tokenizers/l2_supercat_tokenizer_config
.json``). A sentence's vector is the mean of its tokens' vectors, exactly as
``WordLlama.embed`` computes it (``tests/test_texts_embedding.py`` compares the two).

The files are read from the installed package, never downloaded: the package is located
without importing it (its ``__init__`` reconfigures the root logger), the table is memory-
mapped so only the rows a text uses are read, and both are loaded once per process, on first
use. A missing or damaged file is a ``DataFileError``. Pure Python (``mmap`` and ``struct``
read half floats): importing numpy alone would add about 0.1 s to every review.

The tokenizer's normaliser turns each space into the word-start mark and no token contains
that mark inside it, so a text's tokens are its space-separated chunks' tokens in order. The
tokens of each chunk seen are kept in memory for the process (a re-review of an edited text
in the web app tokenises only its new words); never on disk, since the words of an
applicant's text are private.
"""

from __future__ import annotations

import importlib.util
import json
import mmap
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import DataFileError

PACKAGE = "wordllama"
WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
TENSOR = "embedding.weight"
DIMENSIONS = 256
MAX_KNOWN_CHUNKS = 200_000  # about 10 MB of memory; past it, the chunks are forgotten
_HINT = "reinstall smartpick's dependencies: pip install 'wordllama>=0.4.0.post1,<0.5'"


Vector = tuple[float, ...]


def embed(texts: Sequence[str]) -> list[Vector]:
    """One vector per text: the mean of its token vectors (``DIMENSIONS`` floats; zeros for a
    text with no token). Runs of whitespace count as one space."""
    table = _table()
    return [table.mean(ids) for ids in token_ids(texts)] if texts else []


def token_ids(texts: Sequence[str]) -> list[list[int]]:
    """The tokens of each text, its whitespace runs made single spaces (chunks never seen
    are tokenised in one batch and remembered)."""
    chunked = [text.split() for text in texts]
    known = _KNOWN_CHUNKS
    new = [c for c in dict.fromkeys(c for chunks in chunked for c in chunks) if c not in known]
    if new:
        if len(known) + len(new) > MAX_KNOWN_CHUNKS:
            known.clear()
        encoded = _tokenizer().encode_batch(new, add_special_tokens=False)
        known.update({c: tuple(e.ids) for c, e in zip(new, encoded, strict=True)})
    return [[i for c in chunks for i in known[c]] for chunks in chunked]


_KNOWN_CHUNKS: dict[str, tuple[int, ...]] = {}  # chunk -> its token ids, this process only


def package_folder() -> Path:
    """The installed ``wordllama`` folder, found without importing the package."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise DataFileError("the sentence embedding model is not installed", hint=_HINT)
    return Path(next(iter(spec.submodule_search_locations)))


def _file(relative: str) -> Path:
    path = package_folder() / relative
    if not path.is_file():
        raise DataFileError(f"the sentence embedding model lacks its file {relative}", hint=_HINT)
    return path


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    from tokenizers import Tokenizer

    try:
        return Tokenizer.from_file(str(_file(TOKENIZER)))
    except Exception as exc:  # the tokenizers library raises its own types
        raise DataFileError("the sentence embedding tokenizer cannot be read", hint=_HINT) from exc


@dataclass(frozen=True)
class TokenTable:
    """The token vectors, memory-mapped: row ``i`` is ``DIMENSIONS`` little-endian halves."""

    data: mmap.mmap
    offset: int
    rows: int

    def mean(self, ids: Sequence[int]) -> Vector:
        if not ids:
            return (0.0,) * DIMENSIONS
        last = self.rows - 1
        rows = [
            _ROW.unpack_from(self.data, self.offset + min(max(i, 0), last) * _ROW.size) for i in ids
        ]
        return tuple(sum(column) / len(ids) for column in zip(*rows, strict=True))


_ROW = struct.Struct(f"<{DIMENSIONS}e")


@lru_cache(maxsize=1)
def _table() -> TokenTable:
    """The token table, memory-mapped from the safetensors file (8-byte header size, JSON)."""
    path = _file(WEIGHTS)
    try:
        with path.open("rb") as raw:
            (size,) = struct.unpack("<Q", raw.read(8))
            entry = json.loads(raw.read(size))[TENSOR]
            rows, columns = entry["shape"]
            start, end = entry["data_offsets"]
            if entry["dtype"] != "F16" or columns != DIMENSIONS or end - start != rows * _ROW.size:
                raise ValueError(f"unexpected tensor {entry['dtype']} {entry['shape']}")
            data = mmap.mmap(raw.fileno(), 0, access=mmap.ACCESS_READ)
        if len(data) < 8 + size + end:
            raise ValueError("the weights file is shorter than its header says")
        return TokenTable(data, 8 + size + start, rows)
    except (OSError, ValueError, KeyError, TypeError, struct.error) as exc:
        raise DataFileError("the sentence embedding weights cannot be read", hint=_HINT) from exc
