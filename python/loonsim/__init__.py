"""loonsim from Python: BLE's station-keeping environment, bit for bit, simulated in Swift.

* :class:`StationKeepingEnv` - a ``gymnasium.Env``, also ``gymnasium.make("loonsim/StationKeeping-v0")``;
* :class:`StationKeepingVectorEnv` - N environments stepped across the cores in one call, also
  ``gymnasium.make_vec("loonsim/StationKeeping-v0", num_envs=N, vectorization_mode="vector_entry_point")``;
* :mod:`loonsim.agents` - StationSeeker, Perciatelli44, RandomWalk, Random;
* :func:`evaluate` - BLE's evaluation of an agent or a Python policy over a suite of seeds.
"""

import gymnasium

from ._native import LoonsimError
from ._spaces import DOWN, INFO_FIELDS, STATUS_NAMES, STAY, UP
from .env import ClosedEnvironmentError, StationKeepingEnv
from .vector import StationKeepingVectorEnv
from . import agents, winds
from .evaluation import SUITES, evaluate

__all__ = ["StationKeepingEnv", "StationKeepingVectorEnv", "agents", "winds", "evaluate", "SUITES", "LoonsimError",
           "ClosedEnvironmentError", "DOWN", "STAY", "UP", "STATUS_NAMES", "INFO_FIELDS", "ENV_ID"]

#: The Gymnasium id of the environment.
ENV_ID = "loonsim/StationKeeping-v0"

if ENV_ID not in gymnasium.registry:
    gymnasium.register(id=ENV_ID, entry_point="loonsim.env:StationKeepingEnv",
                       vector_entry_point="loonsim.vector:StationKeepingVectorEnv")
