#!/usr/bin/env python3
"""Per-seed table of an evaluation: seed, TWR50 and cumulative reward, one row per episode.

    python3 Experiments/agents/per-seed-table.py RESULTS.json > TABLE.csv

RESULTS.json is the per-episode file `loonsim evaluate --out DIR` writes (DIR/GROUP/AGENT.json).
Values are written in Python's shortest round-trip form, so the table holds the results' exact
doubles; the shipped agents' tables are what `ShippedAgentTests` re-flies and the README averages.
"""
import json
import sys

if len(sys.argv) != 2:
    sys.exit("usage: per-seed-table.py RESULTS.json")
try:
    with open(sys.argv[1]) as file:
        episodes = json.load(file)
except (OSError, ValueError) as error:
    sys.exit(f"per-seed-table.py: {sys.argv[1]}: {error}")
print("seed,time_within_radius,cumulative_reward")
for episode in sorted(episodes, key=lambda e: e["seed"]):
    print(f'{episode["seed"]},{episode["time_within_radius"]!r},{episode["cumulative_reward"]!r}')
