"""A Swift ``Simulation`` handle: N environments with one configuration, winds and scenario source."""

from __future__ import annotations

import ctypes
import os

from ._native import ERROR_CAPACITY, ErrorBuffer, LoonsimError, lib
from ._settings import Settings


class Simulation:
    """Owns a ``loonsim_sim_*`` handle; :meth:`close` (or garbage collection) releases it."""

    def __init__(self, count: int, settings: Settings, threads: int | None = None) -> None:
        self.handle = None
        self.settings = settings
        self.count = count
        self.errors = ErrorBuffer()
        scenario_file = settings.scenario_file.encode() if settings.scenario_file else None
        threads = threads if threads is not None else (os.cpu_count() or 1)
        self.handle = lib.loonsim_sim_create(count, settings.profile.encode(), settings.days, settings.winds.encode(),
                                             scenario_file, threads, self.errors.buffer, ERROR_CAPACITY)
        if not self.handle:
            raise LoonsimError(self.errors.message)
        seeds = (ctypes.c_int64 * max(1, lib.loonsim_sim_scenario_seeds(self.handle, None, 0)))()
        held = lib.loonsim_sim_scenario_seeds(self.handle, seeds, len(seeds))
        #: The scenario file's seeds in file order (empty without a file).
        self.file_seeds = list(seeds[:held])

    def __reduce__(self):
        # Two Python objects must never own one Swift handle (each would release it).
        raise TypeError("a loonsim environment cannot be copied or pickled; make a new one with the same settings")

    def close(self) -> None:
        if self.handle:
            lib.loonsim_sim_destroy(self.handle)
            self.handle = None

    def __del__(self) -> None:
        self.close()
