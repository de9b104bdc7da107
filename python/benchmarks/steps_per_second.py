"""Steps per second from Python next to the same loop run inside Swift, measured in one run.

    python python/benchmarks/steps_per_second.py [--steps 4000] [--envs 8] [--threads 2] [--repeats 3]

* one environment: ``env.step`` in a Python loop (actions 0, 1, 2, ...; a reset to the next seed
  whenever an episode ends) against ``loonsim_benchmark_steps``, the same loop in Swift;
* the vector environment: ``StationKeepingVectorEnv(num_envs=ENVS, threads=THREADS).step`` against
  ``loonsim_benchmark_steps_all``, the same batch calls made from Swift.

Each figure is the best of REPEATS runs (the machine is shared), two-day trials, generative winds.
"""

import argparse
import time

import numpy as np

import loonsim
from loonsim._native import ERROR_CAPACITY, lib


def best_rate(run, steps: int, repeats: int) -> float:
    """The highest steps/s of ``repeats`` calls of ``run()``."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return steps / best


def single(steps: int, repeats: int) -> tuple[float, float]:
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

    python_loop()  # warm up (decoder, caches)
    rates = [0.0, 0.0]
    for _ in range(repeats):  # alternate, so that both see the same machine load
        rates[0] = max(rates[0], best_rate(python_loop, steps, 1))
        rates[1] = max(rates[1], best_rate(swift_loop, steps, 1))
    return rates[0], rates[1]


def vector(steps: int, envs: int, threads: int, repeats: int) -> tuple[float, float]:
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

    python_loop()
    rates = [0.0, 0.0]
    for _ in range(repeats):
        rates[0] = max(rates[0], best_rate(python_loop, batch_steps * envs, 1))
        rates[1] = max(rates[1], best_rate(swift_loop, batch_steps * envs, 1))
    return rates[0], rates[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=4000, help="environment steps per measurement")
    parser.add_argument("--envs", type=int, default=8, help="environments in the vector environment")
    parser.add_argument("--threads", type=int, default=2, help="threads stepping the vector environment")
    parser.add_argument("--repeats", type=int, default=3, help="measurements of each, the best is kept")
    arguments = parser.parse_args()

    python_rate, swift_rate = single(arguments.steps, arguments.repeats)
    print(f"one environment:        Python {python_rate:8.0f} steps/s   Swift {swift_rate:8.0f} steps/s   "
          f"Python/Swift {python_rate / swift_rate:.0%}")
    python_rate, swift_rate = vector(arguments.steps, arguments.envs, arguments.threads, arguments.repeats)
    print(f"vector, {arguments.envs} envs, {arguments.threads} threads: Python {python_rate:8.0f} steps/s   "
          f"Swift {swift_rate:8.0f} steps/s   Python/Swift {python_rate / swift_rate:.0%}")


if __name__ == "__main__":
    main()
