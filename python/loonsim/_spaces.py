"""The spaces, info layout and status names shared by the single and the vector environment."""

from __future__ import annotations

import numpy as np
from gymnasium import spaces

from ._native import OBSERVATION_COUNT

#: BLE's actions (``AltitudeControlCommand``).
DOWN, STAY, UP = 0, 1, 2
#: BLE's balloon status names, by the code the simulator reports.
STATUS_NAMES = ("OK", "OUT_OF_POWER", "BURST", "ZEROPRESSURE")
#: The doubles the simulator writes per environment, in order (see Sources/LoonsimC/Simulation.swift).
INFO_FIELDS = ("distance_km", "pressure_pa", "battery_soc", "elapsed_seconds", "step", "status",
               "effective_action", "within_radius", "x_km", "y_km", "superpressure_pa")
_INTEGER_FIELDS = {"step", "effective_action"}
_STATUS_ARRAY = np.array(STATUS_NAMES)


def info_arrays(infos: np.ndarray, seeds: np.ndarray) -> dict[str, np.ndarray]:
    """The info of each environment, one array per key, from the rows of doubles the simulator wrote.

    Keys: ``INFO_FIELDS`` (``status`` as BLE's names, ``step`` and ``effective_action`` as integers,
    ``within_radius`` as booleans), the scenario ``seed``, and BLE's own ``out_of_power``,
    ``envelope_burst`` and ``zeropressure``.
    """
    values: dict[str, np.ndarray] = {}
    for index, name in enumerate(INFO_FIELDS):
        column = infos[:, index]
        if name == "status":
            values[name] = _STATUS_ARRAY[column.astype(np.int64)]
        elif name == "within_radius":
            values[name] = column != 0
        elif name in _INTEGER_FIELDS:
            values[name] = column.astype(np.int64)
        else:
            values[name] = column.copy()
    status = infos[:, INFO_FIELDS.index("status")].astype(np.int64)
    values["seed"] = np.array(seeds, dtype=np.int64)
    values["out_of_power"] = status == 1
    values["envelope_burst"] = status == 2
    values["zeropressure"] = status == 3
    return values


def observation_space() -> spaces.Box:
    """BLE's observation space (reference §4): [0, 1] except features 3-6 in [-1, 1] and 15 in [1, inf)."""
    low = np.zeros(OBSERVATION_COUNT, dtype=np.float32)
    high = np.ones(OBSERVATION_COUNT, dtype=np.float32)
    low[3:7] = -1
    low[15], high[15] = 1, np.inf
    return spaces.Box(low=low, high=high, dtype=np.float32)


def action_space() -> spaces.Discrete:
    """DOWN (0), STAY (1), UP (2)."""
    return spaces.Discrete(3)
