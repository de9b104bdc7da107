"""``evaluate``: BLE's evaluation (its suites, per-seed results) flown by Swift's ``Evaluator``."""

from __future__ import annotations

import ctypes
import json
import os
import tempfile
from typing import Any, Callable

import numpy as np

from ._native import ERROR_CAPACITY, OBSERVATION_COUNT, POLICY_CALLBACK, ErrorBuffer, LoonsimError, lib
from ._settings import Settings, check_action, check_seed
from ._simulation import Simulation
from .agents import Agent

#: BLE's suites (``eval/suites.py``): micro [0], tiny 0-9, small 0-99, medium 0-999, big 0-9999.
SUITES = {"micro": 1, "tiny": 10, "small": 100, "medium": 1000, "big": 10000}


def evaluate(policy: Agent | str | Callable[[np.ndarray], int], suite: str | None = "small", days: float = 2.0, *,
             seeds: list[int] | None = None, profile: str = "ble", winds: str = "generative",
             scenario_file: str | None = None, jobs: int | None = None, flight_paths: bool = False,
             episode_dir: str | None = None) -> list[dict[str, Any]]:
    """Flies ``policy`` over a suite's seeds as BLE's eval does; returns BLE's per-seed results.

    ``policy``: a :mod:`loonsim.agents` agent or its registry name (flown entirely in Swift), or a
    callable ``policy(observation) -> action`` called once per step. Episodes run on ``jobs``
    threads (default: all cores); a callable is then called from several threads, one call at a
    time, so it should decide from the observation alone. ``seeds`` replaces the suite; with a
    ``scenario_file`` and neither, every scenario of the file is flown.

    Returns one dict per seed, sorted by seed, with BLE's keys (``seed``, ``cumulative_reward``,
    ``time_within_radius``, ``out_of_power``, ``envelope_burst``, ``zeropressure``,
    ``final_timestep``, ``flight_path``, empty unless ``flight_paths``) and loonsim's
    (``time_within_radius_full_trial``, ``trial_steps``, ``agent``, ``profile``, ``winds``).
    Episode files go to ``episode_dir`` (default: a temporary folder removed afterwards).
    """
    settings = Settings(profile, days, winds, scenario_file).checked()
    seed_list = _seeds(suite, seeds, settings)
    if jobs is None:
        jobs = os.cpu_count() or 1
    if isinstance(jobs, bool) or not isinstance(jobs, (int, np.integer)) or jobs < 1:
        raise ValueError(f"jobs must be a positive integer, got {jobs!r}")
    agent, callback, failures = _policy(policy, profile)
    errors = ErrorBuffer()
    array = (ctypes.c_int64 * len(seed_list))(*seed_list)
    with tempfile.TemporaryDirectory(prefix="loonsim-evaluate-") as scratch:
        folder = episode_dir or os.path.join(scratch, "episodes")
        results = os.path.join(scratch, "results.json")
        status = lib.loonsim_evaluate(
            agent._handle if agent else None, callback or POLICY_CALLBACK(), array, len(seed_list),
            settings.profile.encode(), settings.days, settings.winds.encode(),
            settings.scenario_file.encode() if settings.scenario_file else None, int(jobs), int(bool(flight_paths)),
            os.fsencode(folder), os.fsencode(results), errors.buffer, ERROR_CAPACITY)
        if failures:
            raise failures[0]
        errors.check(status)
        with open(results) as file:
            return json.load(file)


def _seeds(suite: str | None, seeds: list[int] | None, settings: Settings) -> list[int]:
    if seeds is not None:
        checked = [check_seed(seed) for seed in seeds]
        if not checked:
            raise ValueError("seeds is empty")
        if len(set(checked)) != len(checked):
            raise ValueError("seeds names a seed twice")
        return checked
    if settings.scenario_file and suite in (None, "small"):
        # Swift reads the file (the same reader and errors as the environments and `loonsim evaluate`).
        try:
            simulation = Simulation(1, settings, threads=1)
        except LoonsimError as error:
            raise ValueError(str(error)) from None
        try:
            return simulation.file_seeds
        finally:
            simulation.close()
    if suite not in SUITES:
        raise ValueError(f"suite must be one of {', '.join(SUITES)}, got {suite!r}")
    return list(range(SUITES[suite]))


def _policy(policy, profile: str):
    """The Swift agent or the C callback for ``policy``, and a list that collects the callback's failure."""
    failures: list[BaseException] = []
    if isinstance(policy, str):
        policy = {cls.name: cls for cls in Agent.__subclasses__()}.get(policy) or _unknown(policy)
        policy = policy(profile)
    if isinstance(policy, Agent):
        if not policy._handle:
            raise LoonsimError(f"the {policy.name} agent is closed")
        return policy, None, failures
    if not callable(policy):
        raise ValueError(f"policy must be a loonsim agent, an agent name or a callable, got {policy!r}")

    def call(seed: int, begin: int, observation, reward: float) -> int:
        if failures:
            return -1
        try:
            values = np.ctypeslib.as_array(observation, shape=(OBSERVATION_COUNT,)).copy()
            result = policy(values)
            try:
                return check_action(result)
            except ValueError:
                raise ValueError(f"the policy returned {result!r}, not 0 (DOWN), 1 (STAY) or 2 (UP)") from None
        except BaseException as error:  # noqa: BLE001 - re-raised in the caller's thread
            failures.append(error)
            return -1

    return None, POLICY_CALLBACK(call), failures


def _unknown(name: str):
    names = ", ".join(cls.name for cls in Agent.__subclasses__())
    raise ValueError(f"unknown agent {name!r}; known agents: {names}")
