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
