"""Bad input raises a Python exception with one clear line, never crashes the interpreter."""

import json

import numpy as np
import pytest

import loonsim


def one_line(error_info) -> str:
    message = str(error_info.value)
    assert message and "\n" not in message
    return message


@pytest.fixture
def env():
    environment = loonsim.StationKeepingEnv()
    environment.reset(seed=0)
    return environment


@pytest.mark.parametrize("action", [3, -1, 2**70])
def test_an_action_out_of_range_is_rejected(env, action):
    with pytest.raises(ValueError) as error:
        env.step(action)
    assert "is not one of 0 (DOWN), 1 (STAY), 2 (UP)" in one_line(error)


@pytest.mark.parametrize("action", [1.0, "up", True, None, np.array([1, 2])])
def test_an_action_that_is_not_an_integer_is_rejected(env, action):
    with pytest.raises(ValueError) as error:
        env.step(action)
    assert one_line(error).startswith("action must be an integer")


def test_numpy_integers_are_actions(env):
    env.step(np.int64(2))
    env.step(np.array(0))


def test_stepping_before_reset_is_rejected():
    with pytest.raises(loonsim.LoonsimError) as error:
        loonsim.StationKeepingEnv().step(1)
    assert one_line(error) == "the environment must be reset before it is stepped"


def test_stepping_after_the_episode_ended_is_rejected():
    env = loonsim.StationKeepingEnv(days=2 / 480)
    env.reset(seed=1)
    env.step(1)
    assert env.step(1)[3]
    with pytest.raises(loonsim.LoonsimError) as error:
        env.step(1)
    assert one_line(error) == "the episode ended after 2 steps; reset before stepping again"


@pytest.mark.parametrize("seed", [-1, 2**63, 1.5, "7", True])
def test_a_bad_seed_is_rejected(env, seed):
    with pytest.raises(ValueError) as error:
        env.reset(seed=seed)
    assert one_line(error).startswith("seed must be")


@pytest.mark.parametrize("options, message", [
    ({"colour": "red"}, "unknown reset option 'colour'; known options: profile, days, winds, scenario_file"),
    ({"profile": "fast"}, "profile must be one of 'ble', 'corrected', got 'fast'"),
    ({"days": 0}, "days must be at least one 3-minute step (1/480) and at most 365, got 0"),
    ({"days": 1 / 1000}, "days must be at least one 3-minute step (1/480) and at most 365, got 0.001"),
    ({"days": "two"}, "days must be a number, got 'two'"),
    ({"winds": "missing.h5"}, "winds: no such wind-grid file: missing.h5"),
    ({"scenario_file": "missing.json"}, "scenario_file: no such file: missing.json"),
    ("profile=ble", "options must be a dict, got str"),
])
def test_a_bad_option_is_rejected(env, options, message):
    with pytest.raises(ValueError) as error:
        env.reset(seed=0, options=options)
    assert one_line(error) == message


def test_a_missing_wind_file_is_rejected_at_construction():
    with pytest.raises(ValueError) as error:
        loonsim.StationKeepingEnv(winds="/nonexistent/forecast.h5")
    assert one_line(error) == "winds: no such wind-grid file: /nonexistent/forecast.h5"


def test_a_file_that_is_not_a_wind_grid_is_rejected_by_the_simulator(tmp_path):
    path = tmp_path / "notes.h5"
    path.write_text("not HDF5")
    with pytest.raises(loonsim.LoonsimError) as error:
        loonsim.StationKeepingEnv(winds=str(path))
    assert str(path) in one_line(error)


def test_a_seed_missing_from_the_scenario_file_and_a_malformed_file_are_rejected(tmp_path, ble_data):
    env = loonsim.StationKeepingEnv(scenario_file=str(ble_data / "scenarios.json"))
    with pytest.raises(loonsim.LoonsimError) as error:
        env.reset(seed=50)
    assert one_line(error).startswith("seed 50 is not in the scenario file (it holds 60 scenarios, seeds 0, 1, 2")
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"format": "ble-scenarios/1", "scenarios": [{"seed": 3}]}))
    with pytest.raises(loonsim.LoonsimError) as error:
        loonsim.StationKeepingEnv(scenario_file=str(broken))
    assert one_line(error) == f"{broken}: scenario 0 (seed 3): field 'alpha' is missing"


def test_a_closed_environment_raises_and_closes_again_quietly(env):
    env.close()
    env.close()
    for use in (lambda: env.step(1), lambda: env.reset(seed=0)):
        with pytest.raises(loonsim.ClosedEnvironmentError) as error:
            use()
        assert one_line(error) == "the environment is closed"


def test_vector_environment_misuse_is_rejected():
    vector = loonsim.StationKeepingVectorEnv(num_envs=2)
    with pytest.raises(loonsim.LoonsimError) as error:
        vector.step(np.array([1, 1]))
    assert one_line(error) == "the vector environment must be reset before it is stepped"
    vector.reset(seed=0)
    with pytest.raises(ValueError) as error:
        vector.step(np.array([1, 1, 1]))
    assert one_line(error).startswith("actions must be 2 integers")
    with pytest.raises(ValueError) as error:
        vector.step(np.array([1, 5]))
    assert one_line(error) == "action 5 of environment 1 is not one of 0 (DOWN), 1 (STAY), 2 (UP)"
    with pytest.raises(ValueError) as error:
        vector.reset(seed=[1])
    assert one_line(error).startswith("seed must be None, a non-negative integer or a list of 2 seeds")
    with pytest.raises(ValueError):
        loonsim.StationKeepingVectorEnv(num_envs=0)
    vector.close()
    vector.close()
    with pytest.raises(loonsim.ClosedEnvironmentError):
        vector.step(np.array([1, 1]))


def test_evaluate_rejects_bad_policies_and_reraises_a_failing_one():
    with pytest.raises(ValueError) as error:
        loonsim.evaluate("chauffeur", suite="micro", days=0.01)
    assert one_line(error).startswith("unknown agent 'chauffeur'; known agents: station-seeker")
    with pytest.raises(ValueError) as error:
        loonsim.evaluate(lambda observation: 7, suite="micro", days=0.01)
    assert one_line(error) == "the policy returned 7, not 0 (DOWN), 1 (STAY) or 2 (UP)"

    def failing(observation):
        raise KeyError("no such feature")

    with pytest.raises(KeyError):
        loonsim.evaluate(failing, suite="tiny", days=0.01)
    with pytest.raises(ValueError) as error:
        loonsim.evaluate(loonsim.agents.StationSeeker(), suite="huge")
    assert one_line(error) == "suite must be one of micro, tiny, small, medium, big, got 'huge'"


def test_an_agent_rejects_a_malformed_observation():
    with pytest.raises(ValueError) as error:
        loonsim.agents.StationSeeker().act(np.zeros(10))
    assert one_line(error) == "an observation has 1099 values, got an array of shape (10,)"


def test_copying_or_pickling_an_environment_or_agent_is_refused():
    import copy
    import pickle

    for thing in (loonsim.StationKeepingEnv(), loonsim.StationKeepingVectorEnv(num_envs=2),
                  loonsim.agents.StationSeeker()):
        for attempt in (copy.deepcopy, pickle.dumps):
            with pytest.raises(TypeError) as error:
                attempt(thing)
            assert "cannot be copied or pickled" in one_line(error)
