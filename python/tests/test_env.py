"""StationKeepingEnv: Gymnasium's checker, spaces, seeds, truncation, infos and reset options."""

import gymnasium
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

import loonsim


def test_check_env_passes_on_the_environment_and_through_gymnasium_make():
    check_env(loonsim.StationKeepingEnv(), skip_render_check=True)
    check_env(gymnasium.make("loonsim/StationKeeping-v0").unwrapped, skip_render_check=True)


def test_spaces_are_bles():
    env = loonsim.StationKeepingEnv()
    space = env.observation_space
    assert space.shape == (1099,) and space.dtype == np.float32
    assert list(space.low[:8]) == [0, 0, 0, -1, -1, -1, -1, 0]
    assert space.low[15] == 1 and space.high[15] == np.inf and space.high[16:].max() == 1
    assert env.action_space == gymnasium.spaces.Discrete(3)
    assert (loonsim.DOWN, loonsim.STAY, loonsim.UP) == (0, 1, 2)


def test_the_info_agrees_with_the_observation():
    env = loonsim.StationKeepingEnv()
    observation, info = env.reset(seed=4)
    assert info["step"] == 0 and info["elapsed_seconds"] == 0 and info["status"] == "OK" and info["seed"] == 4
    assert info["effective_action"] == -1
    for step in range(1, 6):
        observation, reward, terminated, truncated, info = env.step(loonsim.UP)
        assert info["step"] == step and info["elapsed_seconds"] == 180 * step
        assert info["effective_action"] in (0, 1, 2)
    # Feature 0 is (P - 5000) / 9000, feature 7 is d / (d + 250 km), both as float32 (reference §4.1).
    assert observation[0] == np.float32((info["pressure_pa"] - 5000) / 9000)
    assert observation[7] == np.float32(info["distance_km"] / (info["distance_km"] + 250))
    assert observation[1] == np.float32(info["battery_soc"])
    assert info["distance_km"] == pytest.approx(np.hypot(info["x_km"], info["y_km"]), rel=1e-3)
    assert info["within_radius"] == (info["distance_km"] <= 50)
    assert 0 < reward <= 1 and not terminated and not truncated


def test_the_same_seed_flies_the_same_episode_and_other_seeds_differ():
    def fly(seed):
        env = loonsim.StationKeepingEnv()
        values = [env.reset(seed=seed)[0]]
        for step in range(30):
            values.append(env.step(step % 3)[0])
        return np.stack(values)

    assert np.array_equal(fly(11), fly(11))
    assert not np.array_equal(fly(11), fly(12))


def test_a_reset_without_a_seed_continues_the_seeded_generator():
    first, second = loonsim.StationKeepingEnv(), loonsim.StationKeepingEnv()
    first.reset(seed=5)
    second.reset(seed=5)
    a, b = first.reset()[1]["seed"], second.reset()[1]["seed"]
    assert a == b and a != 5


def test_the_trial_is_truncated_after_its_days():
    env = loonsim.StationKeepingEnv(days=10 / 480)
    env.reset(seed=2)
    flags = [env.step(loonsim.STAY)[2:4] for _ in range(10)]
    assert flags[:-1] == [(False, False)] * 9 and flags[-1] == (False, True)


def test_reset_options_set_profile_and_days_for_that_episode():
    env = loonsim.StationKeepingEnv(days=1)
    ble = env.reset(seed=3)[0]
    corrected = env.reset(seed=3, options={"profile": "corrected", "days": 3 / 480})[0]
    assert not np.array_equal(ble, corrected)  # the corrected IR and power tables change the features
    assert [env.step(1)[3] for _ in range(3)] == [False, False, True]
    assert np.array_equal(env.reset(seed=3)[0], ble)


def test_a_scenario_file_names_its_scenarios_by_seed(ble_data):
    env = loonsim.StationKeepingEnv(scenario_file=str(ble_data / "scenarios.json"))
    assert env.reset(seed=101)[1]["seed"] == 101
    assert env.reset()[1]["seed"] in list(range(10)) + list(range(100, 150))


def test_a_wind_grid_flies_every_scenario_over_it(tmp_path):
    grid = loonsim.winds.generate(7, tmp_path / "forecast.h5")
    over_grid = loonsim.StationKeepingEnv(winds=grid)
    generative = loonsim.StationKeepingEnv()
    first = over_grid.reset(seed=1)[0]
    assert np.array_equal(first, loonsim.StationKeepingEnv(winds=grid).reset(seed=1)[0])
    assert not np.array_equal(first, generative.reset(seed=1)[0])
    assert over_grid.reset(seed=1, options={"winds": "generative"})[1] == generative.reset(seed=1)[1]
    for _ in range(5):
        over_grid.step(loonsim.DOWN)
