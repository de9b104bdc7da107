"""StationKeepingVectorEnv equals N single environments, autoreset included (Gymnasium 1.x next step)."""

import gymnasium
import numpy as np

import loonsim

DAYS = 6 / 480  # six-step episodes, so that every environment autoresets during the test
KEYS = ["distance_km", "pressure_pa", "battery_soc", "elapsed_seconds", "step", "status", "effective_action",
        "within_radius", "x_km", "y_km", "superpressure_pa", "seed", "out_of_power", "envelope_burst", "zeropressure"]


def single_envs_as_gymnasium_would_autoreset(count, seed, actions):
    """What N StationKeepingEnvs give under Gymnasium's next-step autoreset (as SyncVectorEnv does)."""
    envs = [loonsim.StationKeepingEnv(days=DAYS) for _ in range(count)]
    resets = [env.reset(seed=seed + index) for index, env in enumerate(envs)]
    steps = []
    ended = [False] * count
    for row in actions:
        results = []
        for index, env in enumerate(envs):
            if ended[index]:
                observation, info = env.reset()
                results.append((observation, 0.0, False, False, info))
            else:
                results.append(env.step(int(row[index])))
            ended[index] = results[-1][2] or results[-1][3]
        steps.append(results)
    return resets, steps


def assert_vector_equals_singles(vector_result, singles):
    observations, rewards, terminated, truncated, infos = vector_result
    for index, single in enumerate(singles):
        observation, reward, term, trunc, info = single
        assert np.array_equal(observations[index], observation)
        assert rewards[index] == reward and terminated[index] == term and truncated[index] == trunc
        for key in KEYS:
            assert infos[key][index] == info[key], key
            assert infos["_" + key][index]


def test_the_vector_environment_equals_single_environments_through_autoresets():
    count, seed = 3, 20
    random = np.random.default_rng(0)
    actions = random.integers(0, 3, size=(16, count))
    resets, steps = single_envs_as_gymnasium_would_autoreset(count, seed, actions)
    vector = loonsim.StationKeepingVectorEnv(num_envs=count, days=DAYS, threads=2)
    observations, infos = vector.reset(seed=seed)
    assert_vector_equals_singles((observations, np.zeros(count), [False] * count, [False] * count, infos),
                                 [(o, 0.0, False, False, i) for o, i in resets])
    autoresets = 0
    for row, singles in zip(actions, steps):
        result = vector.step(row)
        assert_vector_equals_singles(result, singles)
        autoresets += sum(single[4]["step"] == 0 for single in singles)
    assert autoresets >= count  # every environment started a second episode


def test_the_vector_environment_equals_gymnasiums_sync_vector_env_over_single_environments():
    count, seed = 3, 40
    actions = np.random.default_rng(1).integers(0, 3, size=(14, count))
    reference = gymnasium.vector.SyncVectorEnv([lambda: loonsim.StationKeepingEnv(days=DAYS)] * count)
    vector = loonsim.StationKeepingVectorEnv(num_envs=count, days=DAYS)
    pairs = [(vector.reset(seed=seed), reference.reset(seed=seed))]
    pairs += [(vector.step(row), reference.step(row)) for row in actions]
    for ours, theirs in pairs:
        for a, b in zip(ours[:-1], theirs[:-1]):
            assert np.array_equal(a, b)
        for key in KEYS:
            assert np.array_equal(ours[-1][key], theirs[-1][key]), key
    assert any(theirs[-1]["step"].min() == 0 for _, theirs in pairs[1:])  # an autoreset happened


def test_thread_counts_do_not_change_the_numbers():
    def fly(threads):
        vector = loonsim.StationKeepingVectorEnv(num_envs=4, days=DAYS, threads=threads)
        values = [vector.reset(seed=3)[0]]
        for step in range(9):
            values.append(vector.step(np.full(4, step % 3))[0])
        return np.stack(values)

    assert np.array_equal(fly(1), fly(2))


def test_make_vec_returns_the_vector_environment_and_its_spaces_are_batched():
    vector = gymnasium.make_vec("loonsim/StationKeeping-v0", num_envs=2, vectorization_mode="vector_entry_point",
                                days=DAYS)
    assert isinstance(vector.unwrapped, loonsim.StationKeepingVectorEnv)
    assert vector.observation_space.shape == (2, 1099) and vector.observation_space.dtype == np.float32
    assert vector.single_action_space == gymnasium.spaces.Discrete(3)
    observations, _ = vector.reset(seed=0)
    assert observations in vector.observation_space
    vector.close()


def test_without_copies_the_observations_are_written_into_one_preallocated_array():
    vector = loonsim.StationKeepingVectorEnv(num_envs=2, copy=False)
    first, _ = vector.reset(seed=0)
    second = vector.step(np.array([0, 2]))[0]
    assert first is second and first.flags.c_contiguous
