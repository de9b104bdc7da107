"""Python's numbers are the Swift simulator's, and so BLE's, bit for bit.

* Reset to BLE's exported scenarios, the observations equal BLE's exported initial observations.
* Fed BLE's recorded actions, every step's reward, position, pressures, battery, effective action
  and status equal BLE's CSV rows (all 960 steps of seeds 0-9, both agents), and the observations
  equal BLE's recorded features (StationSeeker, seeds 0-4).
* An episode flown step by step from Python equals the same episode flown inside Swift by its
  ``Evaluator`` (``loonsim.evaluate``), flight path included.
"""

import csv
import gzip
import json

import numpy as np
import pytest

import loonsim


def ble_run(ble_data, agent, seed):
    with gzip.open(ble_data / "runs" / f"{agent}_seed{seed}.csv.gz", "rt") as file:
        return list(csv.DictReader(file))


def test_initial_observations_equal_bles_for_every_exported_scenario(ble_data):
    expected = json.loads((ble_data / "scenarios-initial-obs.json").read_text())["obs"]
    env = loonsim.StationKeepingEnv(scenario_file=str(ble_data / "scenarios.json"))
    seeds = env._simulation.file_seeds
    assert len(seeds) == 60
    for seed in seeds:
        observation, _ = env.reset(seed=seed)
        assert np.array_equal(observation, np.array(expected[str(seed)], dtype=np.float32)), f"seed {seed}"


@pytest.mark.parametrize("agent", ["ss", "p44"])
def test_fed_bles_actions_every_step_equals_bles_row(ble_data, agent):
    env = loonsim.StationKeepingEnv(scenario_file=str(ble_data / "scenarios.json"))
    for seed in range(10):
        env.reset(seed=seed)
        for row in ble_run(ble_data, agent, seed):
            _, reward, terminated, truncated, info = env.step(int(row["action"]))
            where = f"{agent} seed {seed} step {row['step']}"
            assert reward == float(row["reward"]), where
            assert info["x_km"] == float(row["x_m"]) / 1000 and info["y_km"] == float(row["y_m"]) / 1000, where
            assert info["pressure_pa"] == float(row["pressure_pa"]), where
            assert info["superpressure_pa"] == float(row["superpressure_pa"]), where
            assert info["battery_soc"] == float(row["battery_soc"]), where
            assert info["effective_action"] == int(row["effective_action"]), where
            assert info["status"] == row["status"] and terminated == (row["status"] != "OK"), where
            assert info["distance_km"] == float(row["distance_km"]), where
        assert info["step"] == len(ble_run(ble_data, agent, seed))


def test_fed_bles_actions_the_observations_equal_bles_recorded_features(ble_data):
    env = loonsim.StationKeepingEnv(scenario_file=str(ble_data / "scenarios.json"))
    for seed in range(5):
        recorded = json.loads((ble_data / "runs" / f"ss_features_seed{seed}.json").read_text())["features"]
        env.reset(seed=seed)
        for row in ble_run(ble_data, "ss", seed)[:max(map(int, recorded))]:
            observation = env.step(int(row["action"]))[0]
            if row["step"] in recorded:
                expected = np.array(recorded[row["step"]], dtype=np.float32)
                assert np.array_equal(observation, expected), f"seed {seed} step {row['step']}"


@pytest.mark.parametrize("agent_type", [loonsim.agents.StationSeeker, loonsim.agents.Perciatelli44])
def test_an_episode_flown_from_python_equals_the_one_swift_flies(agent_type):
    days, seeds = 0.5, [0, 7, 123]
    results = loonsim.evaluate(agent_type(), seeds=seeds, days=days, flight_paths=True, jobs=2)
    env = loonsim.StationKeepingEnv(days=days)
    agent = agent_type()
    for result in results:
        observation, info = env.reset(seed=result["seed"])
        action = agent.begin_episode(observation, seed=result["seed"])
        total, within, path = 0.0, 0, []
        while True:
            observation, reward, terminated, truncated, info = env.step(action)
            total += reward
            within += info["within_radius"]
            path.append({"x": info["x_km"], "y": info["y_km"], "pressure": info["pressure_pa"],
                         "superpressure": info["superpressure_pa"], "elapsed_seconds": info["elapsed_seconds"],
                         "power": info["battery_soc"]})
            action = agent.act(observation, reward)
            if terminated or truncated:
                break
        assert result["cumulative_reward"] == total
        assert result["time_within_radius"] == within / len(path)
        assert result["final_timestep"] == len(path) == days * 480
        assert result["flight_path"] == path
