"""``StationKeepingEnv``: loonsim's station-keeping task as a Gymnasium environment."""

from __future__ import annotations

from typing import Any

import gymnasium
import numpy as np

from ._native import ERROR_CAPACITY, INFO_COUNT, OBSERVATION_COUNT, LoonsimError, lib, pointer
from ._settings import Settings, check_action, check_seed, next_scenario_seed
from ._simulation import Simulation
from ._spaces import action_space, info_arrays, observation_space


class ClosedEnvironmentError(LoonsimError):
    """A closed environment was used."""


def info_dict(values: np.ndarray, seed: int) -> dict[str, Any]:
    """The info of one environment from the doubles the simulator wrote (``_spaces.info_arrays``), as Python values."""
    return {key: column[0].item() for key, column in info_arrays(values[np.newaxis, :], np.array([seed])).items()}


class StationKeepingEnv(gymnasium.Env):
    """Keep a stratospheric balloon within 50 km of its station, as BLE's ``BalloonEnv`` (bit for bit).

    Observations are BLE's 1099 float32 features; actions 0 (DOWN), 1 (STAY), 2 (UP); the reward
    is BLE's (1 within the radius, decaying outside, a power penalty). ``terminated`` when the
    flight ends (out of power, burst, zero pressure), ``truncated`` at the trial's end (``days``).

    A seed names a scenario: loonsim's own scenario of that seed, or, with ``scenario_file``, the
    file's scenario with that seed (BLE's exported ``scenarios.json`` flies BLE's episodes).
    ``reset(seed=None)`` draws the scenario seed from ``np_random``. ``reset(options=...)`` may
    override ``profile``, ``days``, ``winds`` and ``scenario_file`` for that episode.

    info: ``distance_km``, ``pressure_pa``, ``battery_soc``, ``elapsed_seconds``, ``step``,
    ``status`` (``OK``, ``OUT_OF_POWER``, ``BURST``, ``ZEROPRESSURE``), ``effective_action`` (the
    command the safety layers let through; -1 after reset), ``within_radius``, ``x_km``, ``y_km``,
    ``superpressure_pa``, ``seed``, and BLE's ``out_of_power``, ``envelope_burst``, ``zeropressure``.
    """

    metadata = {"render_modes": []}

    def __init__(self, profile: str = "ble", days: float = 2.0, winds: str = "generative",
                 scenario_file: str | None = None, render_mode: str | None = None) -> None:
        if render_mode is not None:
            raise ValueError(f"render_mode {render_mode!r} is not supported; loonsim environments do not render")
        self.observation_space = observation_space()
        self.action_space = action_space()
        self.settings = Settings(profile, days, winds, scenario_file).checked()
        self._simulation: Simulation | None = Simulation(1, self.settings, threads=1)
        self._closed = False
        self._observation = np.zeros(OBSERVATION_COUNT, dtype=np.float32)
        self._info = np.zeros(INFO_COUNT, dtype=np.float64)
        self._reward = np.zeros(1, dtype=np.float64)
        self._flags = np.zeros(2, dtype=np.uint8)
        self._pointers = [pointer(a) for a in (self._observation, self._reward, self._flags, self._info)]
        self._seed = -1

    def _live(self) -> Simulation:
        if self._closed:
            raise ClosedEnvironmentError("the environment is closed")
        return self._simulation

    def reset(self, *, seed: int | None = None, options: dict | None = None):
        simulation = self._live()
        if seed is not None:
            seed = check_seed(seed)
        settings = self.settings.with_options(options)
        super().reset(seed=seed)
        if settings != simulation.settings:
            replacement = Simulation(1, settings, threads=1)
            simulation.close()
            self._simulation = simulation = replacement
        scenario_seed = seed if seed is not None else next_scenario_seed(self.np_random, simulation.file_seeds)
        observation, _, _, info = self._pointers
        simulation.errors.check(lib.loonsim_sim_reset(simulation.handle, 0, scenario_seed, observation, info,
                                                      simulation.errors.buffer, ERROR_CAPACITY))
        self._seed = scenario_seed
        return self._observation.copy(), info_dict(self._info, scenario_seed)

    def step(self, action):
        simulation = self._live()
        action = check_action(action)
        observation, reward, flags, info = self._pointers
        simulation.errors.check(lib.loonsim_sim_step(simulation.handle, 0, action, observation, reward, flags, info,
                                                     simulation.errors.buffer, ERROR_CAPACITY))
        return (self._observation.copy(), float(self._reward[0]), bool(self._flags[0]), bool(self._flags[1]),
                info_dict(self._info, self._seed))

    def close(self) -> None:
        """Releases the simulator; closing twice is allowed, any other use afterwards raises."""
        if self._simulation is not None:
            self._simulation.close()
            self._simulation = None
        self._closed = True
