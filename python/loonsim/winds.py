"""Wind grids for ``StationKeepingEnv(winds=PATH)``; see WindFields/README.md for the file format.

The command-line tool imports ERA5 (``loonsim winds import``); from Python, :func:`generate`
writes one of BLE's generative forecasts as a grid.
"""

from __future__ import annotations

import os

from ._native import ERROR_CAPACITY, ErrorBuffer, lib
from ._settings import check_seed

#: 2011-01-01T00:00:00Z, the start of ``loonsim winds generate``'s grids.
DEFAULT_START_UNIX_SECONDS = 1_293_840_000


def generate(seed: int, path: str | os.PathLike, start_unix_seconds: int = DEFAULT_START_UNIX_SECONDS) -> str:
    """Writes the forecast BLE's VAE decodes from ``seed``'s latents to ``path``; returns the path.

    The same seed always gives the same grid (as ``loonsim winds generate --seed SEED``): 21 x 21
    points over +-500 km, 10 pressures 5-14 kPa, 9 times 0-48 h, placeless (every scenario keeps
    its station and flies from the grid's start time).
    """
    errors = ErrorBuffer()
    errors.check(lib.loonsim_generate_wind_grid(check_seed(seed), int(start_unix_seconds), os.fsencode(path),
                                                errors.buffer, ERROR_CAPACITY))
    return os.fspath(path)
