"""What an environment is made with, checked in Python so that a bad value is a clear ``ValueError``."""

from __future__ import annotations

import numbers
import os
from dataclasses import dataclass, replace

import numpy as np

#: The physics profiles: ``ble`` reproduces BLE, quirks included; ``corrected`` fixes them.
PROFILES = ("ble", "corrected")
#: Agent steps (3 minutes each) per day.
STEPS_PER_DAY = 480
#: Largest seed accepted (seeds are 64-bit integers in Swift).
MAX_SEED = 2**63 - 1
#: Option names ``reset(options=...)`` accepts.
OPTION_NAMES = ("profile", "days", "winds", "scenario_file")


@dataclass(frozen=True)
class Settings:
    """How an environment flies.

    ``profile``: ``"ble"`` or ``"corrected"``; ``days``: the trial's length (960 steps = 2 days);
    ``winds``: ``"generative"`` (BLE's VAE forecasts) or the path of a loonsim wind-grid file;
    ``scenario_file``: a BLE scenario file (``ble-scenarios/1`` JSON) whose scenarios the seeds
    name, or ``None`` for loonsim's own scenario of each seed.
    """

    profile: str = "ble"
    days: float = 2.0
    winds: str = "generative"
    scenario_file: str | None = None

    def checked(self) -> "Settings":
        """These settings with paths made absolute; raises ``ValueError`` naming a bad one."""
        if self.profile not in PROFILES:
            raise ValueError(f"profile must be one of {', '.join(map(repr, PROFILES))}, got {self.profile!r}")
        if isinstance(self.days, bool) or not isinstance(self.days, numbers.Real):
            raise ValueError(f"days must be a number, got {self.days!r}")
        days = float(self.days)
        if not (np.isfinite(days) and 0 < days <= 365 and int(days * STEPS_PER_DAY) >= 1):
            raise ValueError(f"days must be at least one 3-minute step (1/480) and at most 365, got {self.days!r}")
        if not isinstance(self.winds, (str, os.PathLike)):
            raise ValueError(f"winds must be 'generative' or the path of a wind-grid file, got {self.winds!r}")
        winds = os.fspath(self.winds)
        if winds != "generative":
            if not os.path.isfile(winds):
                raise ValueError(f"winds: no such wind-grid file: {winds}")
            winds = os.path.abspath(winds)
        scenario_file = self.scenario_file
        if scenario_file is not None:
            if not isinstance(scenario_file, (str, os.PathLike)):
                raise ValueError(f"scenario_file must be a path, got {scenario_file!r}")
            scenario_file = os.fspath(scenario_file)
            if not os.path.isfile(scenario_file):
                raise ValueError(f"scenario_file: no such file: {scenario_file}")
            scenario_file = os.path.abspath(scenario_file)
        return Settings(self.profile, days, winds, scenario_file)

    def with_options(self, options: dict | None) -> "Settings":
        """These settings with ``reset`` options applied (for that episode)."""
        if options is None:
            return self
        if not isinstance(options, dict):
            raise ValueError(f"options must be a dict, got {type(options).__name__}")
        unknown = sorted(set(options) - set(OPTION_NAMES))
        if unknown:
            raise ValueError(f"unknown reset option {unknown[0]!r}; known options: {', '.join(OPTION_NAMES)}")
        return replace(self, **options).checked()


def check_seed(seed) -> int:
    """``seed`` as an int; raises ``ValueError`` unless it is an integer in [0, 2**63)."""
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)):
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    if not 0 <= int(seed) <= MAX_SEED:
        raise ValueError(f"seed must be in [0, 2**63), got {seed}")
    return int(seed)


def check_action(action) -> int:
    """``action`` as an int; raises ``ValueError`` unless it is 0 (DOWN), 1 (STAY) or 2 (UP)."""
    if isinstance(action, np.ndarray) and action.shape == () and action.dtype.kind in "iu":
        action = action.item()
    if isinstance(action, (bool, np.bool_)) or not isinstance(action, (int, np.integer)):
        raise ValueError(f"action must be an integer 0 (DOWN), 1 (STAY) or 2 (UP), got {action!r}")
    if not 0 <= int(action) <= 2:
        raise ValueError(f"action {int(action)} is not one of 0 (DOWN), 1 (STAY), 2 (UP)")
    return int(action)


def next_scenario_seed(rng: np.random.Generator, file_seeds: list[int]) -> int:
    """The scenario seed of a reset without a seed: one of the file's, or a fresh one, drawn from ``rng``."""
    if file_seeds:
        return int(file_seeds[int(rng.integers(len(file_seeds)))])
    return int(rng.integers(0, 2**31 - 1))
