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
use. A missing or damaged file is a ``DataFileError``.
"""

from __future__ import annotations

import importlib.util
import json
import struct
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import DataFileError

PACKAGE = "wordllama"
WEIGHTS = "weights/l2_supercat_256.safetensors"
TOKENIZER = "tokenizers/l2_supercat_tokenizer_config.json"
TENSOR = "embedding.weight"
DIMENSIONS = 256
_HINT = "reinstall smartpick's dependencies: pip install 'wordllama>=0.4.0.post1,<0.5'"


def embed(texts: Sequence[str]) -> np.ndarray:
    """One row per text: the mean of its token vectors (float32, ``DIMENSIONS`` columns)."""
    out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    if not texts:
        return out
    table, tokenizer = _table(), _tokenizer()
    for row, encoding in enumerate(tokenizer.encode_batch(list(texts), add_special_tokens=False)):
        ids = np.clip(np.asarray(encoding.ids, dtype=np.int64), 0, table.shape[0] - 1)
        if ids.size:
            out[row] = table[ids].astype(np.float32).mean(axis=0)
    return out


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


@lru_cache(maxsize=1)
def _table() -> np.ndarray:
    """The token table, memory-mapped from the safetensors file (8-byte header size, JSON)."""
    path = _file(WEIGHTS)
    try:
        with path.open("rb") as raw:
            (size,) = struct.unpack("<Q", raw.read(8))
            entry = json.loads(raw.read(size))[TENSOR]
        rows, columns = entry["shape"]
        start, end = entry["data_offsets"]
        if entry["dtype"] != "F16" or columns != DIMENSIONS or end - start != rows * columns * 2:
            raise ValueError(f"unexpected tensor {entry['dtype']} {entry['shape']}")
        offset = 8 + size + start
        return np.memmap(path, dtype="<f2", mode="r", offset=offset, shape=(rows, columns))
    except (OSError, ValueError, KeyError, struct.error) as exc:
        raise DataFileError("the sentence embedding weights cannot be read", hint=_HINT) from exc
