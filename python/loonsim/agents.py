"""loonsim's built-in agents (Swift, BLE's numbers): ``StationSeeker``, ``Perciatelli44``, ``RandomWalk``, ``Random``.

Each takes observations from :class:`loonsim.StationKeepingEnv` and returns actions::

    agent = loonsim.agents.StationSeeker()
    observation, info = env.reset(seed=0)
    action = agent.begin_episode(observation, seed=0)   # or agent.act(observation)
    ...
    action = agent.act(observation)

Passed to :func:`loonsim.evaluate`, an agent flies at Swift speed on all cores.
"""

from __future__ import annotations

import threading

import numpy as np

from ._native import ERROR_CAPACITY, OBSERVATION_COUNT, ErrorBuffer, LoonsimError, lib, pointer
from ._settings import PROFILES, check_seed


class Agent:
    """A built-in Swift agent, by its registry name (as ``loonsim evaluate --agent NAME``).

    Safe to call from several threads (calls take turns), e.g. as the policy of :func:`loonsim.evaluate`.
    """

    #: The registry name (set by each subclass).
    name = ""

    def __init__(self, profile: str = "ble") -> None:
        if profile not in PROFILES:
            raise ValueError(f"profile must be one of {', '.join(map(repr, PROFILES))}, got {profile!r}")
        self.profile = profile
        self._errors = ErrorBuffer()
        self._observation = np.zeros(OBSERVATION_COUNT, dtype=np.float32)
        self._pointer = pointer(self._observation)
        self._lock = threading.Lock()
        self._handle = lib.loonsim_agent_create(self.name.encode(), profile.encode(), self._errors.buffer, ERROR_CAPACITY)
        if not self._handle:
            raise LoonsimError(self._errors.message)

    def _load(self, observation) -> None:
        if not self._handle:
            raise LoonsimError(f"the {self.name} agent is closed")
        values = np.asarray(observation, dtype=np.float32)
        if values.shape != (OBSERVATION_COUNT,):
            raise ValueError(f"an observation has {OBSERVATION_COUNT} values, got an array of shape {values.shape}")
        self._observation[:] = values

    def _action(self, action: int) -> int:
        if action < 0:
            raise LoonsimError(self._errors.message)
        return int(action)

    def begin_episode(self, observation, seed: int = 0) -> int:
        """Starts an episode from its reset observation (``seed`` seeds a random agent); returns the first action."""
        seed = check_seed(seed)
        with self._lock:
            self._load(observation)
            return self._action(lib.loonsim_agent_begin(self._handle, self._pointer, seed,
                                                        self._errors.buffer, ERROR_CAPACITY))

    def act(self, observation, reward: float = 0.0) -> int:
        """The action for ``observation`` (0 DOWN, 1 STAY, 2 UP); a random walk also advances its target."""
        with self._lock:
            self._load(observation)
            return self._action(lib.loonsim_agent_step(self._handle, self._pointer, float(reward),
                                                       self._errors.buffer, ERROR_CAPACITY))

    __call__ = act

    def __reduce__(self):
        # Two Python objects must never own one Swift handle (each would release it).
        raise TypeError(f"a loonsim agent cannot be copied or pickled; make a new {type(self).__name__}()")

    def close(self) -> None:
        with self._lock:
            if self._handle:
                lib.loonsim_agent_destroy(self._handle)
                self._handle = None

    def __del__(self) -> None:
        if hasattr(self, "_lock"):
            self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(profile={self.profile!r})"


class StationSeeker(Agent):
    """The Nature paper's rule-based controller (BLE's ``station_seeker``)."""

    name = "station-seeker"


class Perciatelli44(Agent):
    """BLE's frozen perciatelli44 Q-network, greedy."""

    name = "perciatelli44"


class RandomWalk(Agent):
    """Chases a randomly wandering target pressure (BLE's ``random_walk``); seeded by ``begin_episode``."""

    name = "random-walk"


class Random(Agent):
    """Uniformly random actions, seeded by ``begin_episode``."""

    name = "random"
