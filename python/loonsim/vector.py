"""``StationKeepingVectorEnv``: N environments stepped inside Swift across the cores in one call."""

from __future__ import annotations

from typing import Any

import numpy as np
from gymnasium.spaces import MultiDiscrete
from gymnasium.utils import seeding
from gymnasium.vector import AutoresetMode, VectorEnv
from gymnasium.vector.utils import batch_space

from ._native import ERROR_CAPACITY, INFO_COUNT, OBSERVATION_COUNT, LoonsimError, lib, pointer
from ._settings import Settings, check_seed, next_scenario_seed
from ._simulation import Simulation
from ._spaces import action_space, info_arrays, observation_space
from .env import ClosedEnvironmentError


class StationKeepingVectorEnv(VectorEnv):
    """``num_envs`` station-keeping environments, each as :class:`loonsim.StationKeepingEnv`.

    One ``step`` is one C call: Swift steps every environment over ``threads`` threads (default:
    all cores) and writes observations, rewards, flags and infos straight into preallocated
    numpy arrays. Autoreset follows Gymnasium 1.x's default (next step): the step after an
    episode ends resets that environment (its action is ignored; reward 0, not terminated or
    truncated) to the next scenario seed drawn from its own generator, as ``SyncVectorEnv``
    over N ``StationKeepingEnv`` does, so both give the same numbers.

    ``reset(seed=s)`` seeds environment ``i`` with ``s + i`` (or ``seed[i]`` for a list).
    Settings are fixed at construction; ``copy=False`` returns the internal observation array,
    which the next call overwrites. Infos are a dict of arrays (``status`` as BLE's names).
    """

    metadata = {"render_modes": [], "autoreset_mode": AutoresetMode.NEXT_STEP}

    def __init__(self, num_envs: int = 1, profile: str = "ble", days: float = 2.0, winds: str = "generative",
                 scenario_file: str | None = None, threads: int | None = None, copy: bool = True,
                 render_mode: str | None = None) -> None:
        if isinstance(num_envs, bool) or not isinstance(num_envs, (int, np.integer)) or not 1 <= num_envs <= 65536:
            raise ValueError(f"num_envs must be an integer from 1 to 65536, got {num_envs!r}")
        if threads is not None and (isinstance(threads, bool) or not isinstance(threads, (int, np.integer)) or threads < 1):
            raise ValueError(f"threads must be a positive integer, got {threads!r}")
        if render_mode is not None:
            raise ValueError(f"render_mode {render_mode!r} is not supported; loonsim environments do not render")
        self.num_envs = int(num_envs)
        self.copy = copy
        self.render_mode = None
        self.single_observation_space = observation_space()
        self.single_action_space = action_space()
        self.observation_space = batch_space(self.single_observation_space, self.num_envs)
        self.action_space = MultiDiscrete(np.full(self.num_envs, 3))
        self.settings = Settings(profile, days, winds, scenario_file).checked()
        self._simulation: Simulation | None = Simulation(self.num_envs, self.settings, threads)
        self._closed = False
        n = self.num_envs
        self._observations = np.zeros((n, OBSERVATION_COUNT), dtype=np.float32)
        self._rewards = np.zeros(n, dtype=np.float64)
        self._terminated = np.zeros(n, dtype=np.uint8)
        self._truncated = np.zeros(n, dtype=np.uint8)
        self._infos = np.zeros((n, INFO_COUNT), dtype=np.float64)
        self._actions = np.zeros(n, dtype=np.int64)
        self._reset_seeds = np.full(n, -1, dtype=np.int64)
        self._seeds = np.full(n, -1, dtype=np.int64)
        self._needs_reset = np.zeros(n, dtype=bool)
        self._rngs: list[np.random.Generator | None] = [None] * n
        self._pointers = [pointer(a) for a in (self._actions, self._reset_seeds, self._observations, self._rewards,
                                               self._terminated, self._truncated, self._infos)]
        self._started = False

    def _live(self) -> Simulation:
        if self._closed:
            raise ClosedEnvironmentError("the vector environment is closed")
        return self._simulation

    def _rng(self, index: int) -> np.random.Generator:
        if self._rngs[index] is None:
            self._rngs[index], _ = seeding.np_random(None)
        return self._rngs[index]

    def reset(self, *, seed: int | list[int | None] | None = None, options: dict | None = None):
        simulation = self._live()
        if options:
            raise ValueError("StationKeepingVectorEnv takes its settings (profile, days, winds, scenario_file) "
                             "at construction, not as reset options")
        if seed is None or isinstance(seed, (int, np.integer)) and not isinstance(seed, bool):
            seeds = [None] * self.num_envs if seed is None else [check_seed(int(seed) + i) for i in range(self.num_envs)]
        elif isinstance(seed, (list, tuple)) and len(seed) == self.num_envs:
            seeds = [None if s is None else check_seed(s) for s in seed]
        else:
            raise ValueError(f"seed must be None, a non-negative integer or a list of {self.num_envs} seeds, got {seed!r}")
        for index, each in enumerate(seeds):
            if each is not None:
                self._rngs[index], _ = seeding.np_random(each)
            self._reset_seeds[index] = each if each is not None else next_scenario_seed(self._rng(index),
                                                                                        simulation.file_seeds)
        self._call(simulation)
        self._needs_reset[:] = False
        self._started = True
        return self._result_observations(), self._info_arrays()

    def step(self, actions):
        simulation = self._live()
        if not self._started:
            raise LoonsimError("the vector environment must be reset before it is stepped")
        actions = np.asarray(actions)
        if actions.shape != (self.num_envs,) or actions.dtype.kind not in "iu":
            raise ValueError(f"actions must be {self.num_envs} integers (0 DOWN, 1 STAY, 2 UP), "
                             f"got an array of shape {actions.shape} and dtype {actions.dtype}")
        bad = np.flatnonzero((actions < 0) | (actions > 2))
        if bad.size:
            raise ValueError(f"action {int(actions[bad[0]])} of environment {int(bad[0])} is not one of "
                             "0 (DOWN), 1 (STAY), 2 (UP)")
        self._actions[:] = actions
        self._reset_seeds[:] = -1
        for index in np.flatnonzero(self._needs_reset):
            self._reset_seeds[index] = next_scenario_seed(self._rng(index), simulation.file_seeds)
        self._call(simulation)
        self._needs_reset = (self._terminated | self._truncated).astype(bool)
        return (self._result_observations(), self._rewards.copy(), self._terminated.astype(bool),
                self._truncated.astype(bool), self._info_arrays())

    def _call(self, simulation: Simulation) -> None:
        status = lib.loonsim_sim_step_all(simulation.handle, *self._pointers, simulation.errors.buffer, ERROR_CAPACITY)
        if status != 0:
            self._needs_reset[:] = True  # the batch's state is unknown: every environment starts afresh
            simulation.errors.check(status)
        started = self._reset_seeds >= 0
        self._seeds[started] = self._reset_seeds[started]

    def _result_observations(self) -> np.ndarray:
        return self._observations.copy() if self.copy else self._observations

    def _info_arrays(self) -> dict[str, Any]:
        values: dict[str, Any] = info_arrays(self._infos, self._seeds)
        mask = np.ones(self.num_envs, dtype=bool)
        for key in list(values):
            values["_" + key] = mask
        return values

    def close_extras(self, **kwargs: Any) -> None:
        if self._simulation is not None:
            self._simulation.close()
            self._simulation = None
        self._closed = True

    def close(self, **kwargs: Any) -> None:
        """Releases the simulator; closing twice is allowed, any other use afterwards raises."""
        if not self._closed:
            super().close(**kwargs)
        self._closed = True
