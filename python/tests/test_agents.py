"""The built-in agents from Python, and ``evaluate`` with BLE's results."""

import csv

import numpy as np
import pytest

import loonsim

BLE_KEYS = {"seed", "cumulative_reward", "time_within_radius", "out_of_power", "envelope_burst", "zeropressure",
            "final_timestep", "flight_path"}


def test_agents_return_actions_and_a_random_walk_is_seeded():
    env = loonsim.StationKeepingEnv()
    observation, _ = env.reset(seed=0)
    for agent in (loonsim.agents.StationSeeker(), loonsim.agents.Perciatelli44(), loonsim.agents.RandomWalk()):
        assert agent.begin_episode(observation) in (0, 1, 2) and agent(observation) in (0, 1, 2)

    def walk(seed):
        agent = loonsim.agents.RandomWalk()
        env.reset(seed=0)
        actions = [agent.begin_episode(observation, seed=seed)]
        for _ in range(200):
            actions.append(agent.act(env.step(actions[-1])[0]))
        return actions

    assert walk(1) == walk(1) and walk(1) != walk(2)


def test_evaluate_returns_bles_keys_and_a_python_policy_flies_as_the_swift_agent_does():
    seeker = loonsim.agents.StationSeeker()
    swift = loonsim.evaluate(seeker, suite="tiny", days=0.25)
    python = loonsim.evaluate(seeker.act, suite="tiny", days=0.25)
    assert [result["seed"] for result in swift] == list(range(10))
    assert BLE_KEYS <= set(swift[0]) and swift[0]["flight_path"] == [] and swift[0]["trial_steps"] == 120
    assert swift[0]["agent"] == "station-seeker" and python[0]["agent"] == "python-policy"
    for a, b in zip(swift, python):
        assert (a["cumulative_reward"], a["time_within_radius"]) == (b["cumulative_reward"], b["time_within_radius"])


@pytest.mark.parametrize("agent, name", [("station-seeker", "ss"), ("perciatelli44", "p44")])
def test_evaluate_over_bles_scenarios_gives_bles_twr50(ble_data, agent, name):
    with open(ble_data / "runs" / "summary.csv") as file:
        expected = {int(row["seed"]): row for row in csv.DictReader(file) if row["agent"] == name}
    seeds = list(range(10))
    results = loonsim.evaluate(agent, seeds=seeds, scenario_file=str(ble_data / "scenarios.json"))
    for result in results:
        ble = expected[result["seed"]]
        assert result["time_within_radius"] == float(ble["twr50"]), result["seed"]
        assert result["cumulative_reward"] == float(ble["cumulative_reward"]), result["seed"]
        assert result["final_timestep"] == int(ble["final_timestep"])
    assert np.mean([result["time_within_radius"] for result in results]) > 0.1
