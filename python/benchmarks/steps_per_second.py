"""Steps per second from Python next to the same loop run inside Swift, measured in one run.

    python python/benchmarks/steps_per_second.py [--steps 2000] [--envs 8] [--threads 2] [--rounds 15]

* one environment: ``env.step`` in a Python loop (actions 0, 1, 2, ...; a reset to the next seed
  whenever an episode ends) against ``loonsim_benchmark_steps``, the same loop in Swift;
* the vector environment: ``StationKeepingVectorEnv(num_envs=ENVS, threads=THREADS).step`` against
  ``loonsim_benchmark_steps_all``, the same batch calls made from Swift.

Both loops run in alternation, ROUNDS times each, so that they see the same machine load (the
machine is shared); each figure is the median over the rounds, and the ratio the median of the
rounds' ratios. Two-day trials, generative winds.
"""

import argparse
import time

import numpy as np

import loonsim
from loonsim._native import ERROR_CAPACITY, lib


def measure(python_loop, swift_loop, steps: int, rounds: int) -> tuple[float, float, float]:
    """Median steps/s of each loop and median ratio Python/Swift over ``rounds`` alternated runs."""
    python_loop()  # warm up (decoder, caches)
    timings = []
    for _ in range(rounds):
        pair = []
        for loop in (python_loop, swift_loop):
            start = time.perf_counter()
            loop()
            pair.append(time.perf_counter() - start)
        timings.append(pair)
    timings = np.array(timings)
    return (float(np.median(steps / timings[:, 0])), float(np.median(steps / timings[:, 1])),
            float(np.median(timings[:, 1] / timings[:, 0])))


def single(steps: int, rounds: int) -> tuple[float, float, float]:
    env = loonsim.StationKeepingEnv()

    def python_loop():
        seed = 0
        env.reset(seed=seed)
        for step in range(steps):
            _, _, terminated, truncated, _ = env.step(step % 3)
            if terminated or truncated:
                seed += 1
                env.reset(seed=seed)

    def swift_loop():
        simulation = env._simulation
        simulation.errors.check(lib.loonsim_benchmark_steps(simulation.handle, steps, 0, simulation.errors.buffer,
                                                            ERROR_CAPACITY))

    return measure(python_loop, swift_loop, steps, rounds)


def vector(steps: int, envs: int, threads: int, rounds: int) -> tuple[float, float, float]:
    batch_steps = max(1, steps // envs)
    vector_env = loonsim.StationKeepingVectorEnv(num_envs=envs, threads=threads, copy=False)
    actions = [np.full(envs, k % 3) for k in range(3)]

    def python_loop():
        vector_env.reset(seed=0)
        for step in range(batch_steps):
            vector_env.step(actions[step % 3])

    def swift_loop():
        simulation = vector_env._simulation
        simulation.errors.check(lib.loonsim_benchmark_steps_all(simulation.handle, batch_steps, 0,
                                                                simulation.errors.buffer, ERROR_CAPACITY))

    return measure(python_loop, swift_loop, batch_steps * envs, rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=2000, help="environment steps per measurement")
    parser.add_argument("--envs", type=int, default=8, help="environments in the vector environment")
    parser.add_argument("--threads", type=int, default=2, help="threads stepping the vector environment")
    parser.add_argument("--rounds", type=int, default=15, help="alternated measurements of each loop")
    arguments = parser.parse_args()

    python_rate, swift_rate, ratio = single(arguments.steps, arguments.rounds)
    print(f"one environment:           Python {python_rate:6.0f} steps/s   Swift {swift_rate:6.0f} steps/s   "
          f"Python/Swift {ratio:.0%}")
    python_rate, swift_rate, ratio = vector(arguments.steps, arguments.envs, arguments.threads, arguments.rounds)
    print(f"vector, {arguments.envs} envs, {arguments.threads} threads: Python {python_rate:6.0f} steps/s   "
          f"Swift {swift_rate:6.0f} steps/s   Python/Swift {ratio:.0%}")


if __name__ == "__main__":
    main()
