"""A CleanRL-style DQN on loonsim's station-keeping task, in JAX + Optax, on the CPU.

    pip install ./python "jax[cpu]" optax
    python python/examples/dqn_jax.py --total-timesteps 1000000

Experience comes from ``StationKeepingVectorEnv`` (``num_envs`` balloons stepped across the
cores in one call per step); the Q-network is a plain MLP over BLE's 1099 features. At the end
the greedy policy flies BLE's small evaluation suite (100 seeds, two days) through
``loonsim.evaluate`` next to the StationSeeker baseline, and the script prints both TWR50s.

Like CleanRL's ``dqn_jax.py``: one file, every hyperparameter in ``Args`` with a comment, a run
name that says the environment, the experiment, the seed and the time.
"""

import argparse
import dataclasses
import time
from dataclasses import dataclass
from functools import partial

import jax
import jax.numpy as jnp
import numpy as np
import optax

import loonsim


@dataclass
class Args:
    seed: int = 1
    """seed of the experiment (network, exploration, scenarios)"""
    total_timesteps: int = 1_000_000
    """environment steps to train for (all environments together)"""
    num_envs: int = 8
    """balloons flown at once by the vector environment"""
    threads: int = 2
    """threads stepping the vector environment"""
    learning_rate: float = 2.5e-4
    """Adam's learning rate"""
    buffer_size: int = 100_000
    """replay memory size (transitions; observations kept as float16)"""
    gamma: float = 0.993
    """discount factor (BLE's agents use 0.993)"""
    target_network_frequency: int = 2_000
    """environment steps between target-network updates"""
    batch_size: int = 128
    """transitions per gradient step"""
    start_e: float = 1.0
    """exploration epsilon at the start"""
    end_e: float = 0.05
    """exploration epsilon at the end of the decay"""
    exploration_fraction: float = 0.3
    """fraction of total_timesteps over which epsilon decays"""
    learning_starts: int = 20_000
    """environment steps before learning starts"""
    train_frequency: int = 16
    """environment steps between gradient steps (2 per vector step with 8 environments)"""
    hidden: int = 256
    """width of the MLP's two hidden layers"""
    eval_suite: str = "small"
    """BLE suite the trained policy flies at the end ("" to skip)"""


def init_mlp(key, sizes):
    """He-initialised weights and zero biases of an MLP with layer ``sizes``."""
    params = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        key, sub = jax.random.split(key)
        params.append((jax.random.normal(sub, (fan_in, fan_out)) * jnp.sqrt(2 / fan_in), jnp.zeros(fan_out)))
    return params


def q_values(params, observations):
    """Q-values of the three actions for a batch of observations."""
    x = observations
    for weights, bias in params[:-1]:
        x = jax.nn.relu(x @ weights + bias)
    weights, bias = params[-1]
    return x @ weights + bias


@jax.jit
def greedy(params, observations):
    return jnp.argmax(q_values(params, observations), axis=-1)


@partial(jax.jit, static_argnums=(0,))
def train_step(optimizer, params, target_params, opt_state, batch, gamma):
    observations, actions, rewards, next_observations, terminated = batch
    next_q = q_values(target_params, next_observations).max(axis=-1)
    target = rewards + gamma * next_q * (1.0 - terminated)  # truncation bootstraps, termination does not

    def loss_fn(p):
        q = jnp.take_along_axis(q_values(p, observations), actions[:, None], axis=-1)[:, 0]
        return jnp.mean((q - jax.lax.stop_gradient(target)) ** 2), q.mean()

    (loss, q_mean), grads = jax.value_and_grad(loss_fn, has_aux=True)(params)
    updates, opt_state = optimizer.update(grads, opt_state)
    return optax.apply_updates(params, updates), opt_state, loss, q_mean


class ReplayBuffer:
    """A ring buffer of transitions; observations stored as float16 to halve its memory."""

    def __init__(self, size, observation_size):
        self.obs = np.zeros((size, observation_size), np.float16)
        self.next_obs = np.zeros((size, observation_size), np.float16)
        self.actions = np.zeros(size, np.int32)
        self.rewards = np.zeros(size, np.float32)
        self.terminated = np.zeros(size, np.float32)
        self.size, self.position, self.full = size, 0, False

    def add(self, obs, next_obs, actions, rewards, terminated):
        for i in range(len(actions)):
            p = self.position
            self.obs[p], self.next_obs[p] = obs[i], next_obs[i]
            self.actions[p], self.rewards[p], self.terminated[p] = actions[i], rewards[i], terminated[i]
            self.position = (p + 1) % self.size
            self.full = self.full or self.position == 0

    def sample(self, rng, count):
        index = rng.integers(0, self.size if self.full else self.position, count)
        return (jnp.asarray(self.obs[index], jnp.float32), jnp.asarray(self.actions[index]),
                jnp.asarray(self.rewards[index]), jnp.asarray(self.next_obs[index], jnp.float32),
                jnp.asarray(self.terminated[index]))


def parse_args() -> Args:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for field in dataclasses.fields(Args):
        parser.add_argument("--" + field.name.replace("_", "-"), type=type(field.default), default=field.default)
    return Args(**vars(parser.parse_args()))


def main():
    args = parse_args()
    run_name = f"loonsim-StationKeeping-v0__dqn_jax__{args.seed}__{int(time.time())}"
    print(f"{run_name}: {dataclasses.asdict(args)}")
    rng = np.random.default_rng(args.seed)
    envs = loonsim.StationKeepingVectorEnv(num_envs=args.num_envs, threads=args.threads)
    n_obs = envs.single_observation_space.shape[0]

    params = init_mlp(jax.random.PRNGKey(args.seed), [n_obs, args.hidden, args.hidden, 3])
    target_params = params
    optimizer = optax.adam(args.learning_rate)
    opt_state = optimizer.init(params)
    buffer = ReplayBuffer(args.buffer_size, n_obs)

    obs, _ = envs.reset(seed=args.seed * 100_000)
    autoreset = np.zeros(args.num_envs, bool)  # the next step of these environments is a reset, not a transition
    returns, episode_returns = np.zeros(args.num_envs), []
    start, step, next_target, next_train, next_log = time.time(), 0, 0, args.learning_starts, 0
    while step < args.total_timesteps:
        epsilon = max(args.end_e, args.start_e - (args.start_e - args.end_e) * step
                      / (args.exploration_fraction * args.total_timesteps))
        actions = np.array(greedy(params, obs))
        explore = rng.random(args.num_envs) < epsilon
        actions[explore] = rng.integers(0, 3, explore.sum())
        next_obs, rewards, terminated, truncated, infos = envs.step(actions)
        live = ~autoreset
        buffer.add(obs[live], next_obs[live], actions[live], rewards[live], terminated[live])
        returns[live] += rewards[live]
        for i in np.flatnonzero(terminated | truncated):
            episode_returns.append(returns[i])
            returns[i] = 0
        autoreset = terminated | truncated
        obs = next_obs
        step += args.num_envs

        while step >= next_train:
            params, opt_state, loss, q_mean = train_step(optimizer, params, target_params, opt_state,
                                                         buffer.sample(rng, args.batch_size), args.gamma)
            next_train += args.train_frequency
        if step >= next_target:
            target_params = params
            next_target += args.target_network_frequency
        if step >= next_log and episode_returns:
            recent = episode_returns[-20:]
            print(f"step {step:>8}  episodes {len(episode_returns):>4}  mean return (last {len(recent)}) "
                  f"{np.mean(recent):7.1f}  epsilon {epsilon:.2f}  {step / (time.time() - start):6.0f} steps/s",
                  flush=True)
            next_log += 50_000
    envs.close()
    print(f"trained {step} steps in {time.time() - start:.0f} s")

    if args.eval_suite:
        final = jax.device_get(params)

        def policy(observation):
            return int(greedy(final, observation[None])[0])

        def twr50(results):
            return np.mean([r["time_within_radius"] for r in results]), np.mean([r["cumulative_reward"] for r in results])

        start = time.time()
        dqn = twr50(loonsim.evaluate(policy, suite=args.eval_suite, jobs=args.threads))
        seeker = twr50(loonsim.evaluate(loonsim.agents.StationSeeker(), suite=args.eval_suite, jobs=args.threads))
        print(f"{args.eval_suite} suite, two days: DQN TWR50 {dqn[0]:.4f} (mean reward {dqn[1]:.1f}); "
              f"StationSeeker TWR50 {seeker[0]:.4f} (mean reward {seeker[1]:.1f}); evaluation {time.time() - start:.0f} s")


if __name__ == "__main__":
    main()
