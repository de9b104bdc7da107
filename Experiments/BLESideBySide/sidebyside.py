"""Helpers for run.sh (standard library only; run.sh calls it with BLE's venv python).

  sidebyside.py cut --export scenarios.json --seeds 100 101 --out CUT.json
      the export's scenario file cut down to those seeds (same format, floats unchanged:
      Python's json reads and writes every float64 exactly)
  sidebyside.py report --timings timings.tsv --seeds 100 101
      compares BLE's and loonsim's episodes seed by seed and prints the speed table;
      exit status 1 when an episode differs
"""
import argparse
import csv
import glob
import json
import os
import re
import sys


def fail(message):
  print(f'sidebyside.py: {message}', file=sys.stderr)
  sys.exit(2)


def cmd_cut(args):
  with open(args.export) as f:
    export = json.load(f)
  by_seed = {s['seed']: s for s in export['scenarios']}
  absent = [s for s in args.seeds if s not in by_seed]
  if absent:
    fail(f'seed(s) {" ".join(map(str, absent))} not in {args.export} '
         f'(it holds {describe_seeds(sorted(by_seed))})')
  if len(set(args.seeds)) != len(args.seeds):
    fail('a seed is named twice in --seeds')
  cut = dict(export)
  cut['seeds'] = list(args.seeds)
  cut['scenarios'] = [by_seed[s] for s in args.seeds]
  with open(args.out, 'w') as f:
    json.dump(cut, f)
  return 0


def describe_seeds(seeds):
  """0-9, 100-149 style."""
  runs, start = [], None
  for i, s in enumerate(seeds):
    if start is None:
      start = s
    if i + 1 == len(seeds) or seeds[i + 1] != s + 1:
      runs.append(str(start) if start == s else f'{start}-{s}')
      start = None
  return ', '.join(runs)


def read_ble(path):
  """BLE's rows by seed: (twr50, cumulative_reward, steps, wall seconds)."""
  rows = {}
  with open(path) as f:
    for r in csv.DictReader(f):
      rows[int(r['seed'])] = (float(r['twr50']), float(r['cumulative_reward']),
                              int(r['final_timestep']), float(r['wall_seconds']))
  return rows


def read_loonsim(out_dir):
  """loonsim's BLE-format results by seed: (twr50, cumulative_reward, steps)."""
  found = [p for p in glob.glob(os.path.join(out_dir, '*', '*.json'))
           if not p.endswith('.summary.json')]
  if len(found) != 1:
    fail(f'expected one result file under {out_dir}, found {len(found)}')
  with open(found[0]) as f:
    results = json.load(f)
  return {r['seed']: (float(r['time_within_radius']), float(r['cumulative_reward']),
                      int(r['final_timestep'])) for r in results}


def loonsim_episode_rate(stderr_path):
  """The steps/s of loonsim's last progress line (steps flown / time spent flying them)."""
  with open(stderr_path) as f:
    rates = re.findall(r'(\d+) episodes · (\d+) steps/s', f.read())
  if not rates:
    fail(f'no progress line with steps/s in {stderr_path}')
  return float(rates[-1][1])


def cmd_report(args):
  with open(args.timings) as f:
    rows = list(csv.DictReader(f, delimiter='\t'))
  mismatches, compared, table, shown = 0, 0, [], set()
  pairs = list(dict.fromkeys((int(r['round']), r['agent']) for r in rows))  # in the order run
  for rnd, agent in pairs:
    ble_row = next(r for r in rows if (int(r['round']), r['agent'], r['system']) == (rnd, agent, 'BLE'))
    loon_rows = [r for r in rows if (int(r['round']), r['agent'], r['system']) == (rnd, agent, 'loonsim')]
    ble = read_ble(ble_row['results'])
    for loon_row in loon_rows:
      loon = read_loonsim(loon_row['results'])
      for seed in args.seeds:
        compared += 1
        b, l = ble.get(seed), loon.get(seed)
        if b is None or l is None:
          print(f'MISSING round {rnd} {agent} seed {seed}: {"BLE" if b is None else "loonsim"} has no result')
          mismatches += 1
        elif b[:3] != l:
          mismatches += 1
          print(f'MISMATCH round {rnd} {agent} seed {seed} (loonsim run {loon_row["repeat"]}): '
                f'BLE twr50={b[0]!r} reward={b[1]!r} steps={b[2]}; '
                f'loonsim twr50={l[0]!r} reward={l[1]!r} steps={l[2]} '
                f'(reward differs by {l[1] - b[1]:.3g})')
    steps = sum(b[2] for b in ble.values())
    ble_episodes = steps / sum(b[3] for b in ble.values())
    ble_process = steps / (float(ble_row['end']) - float(ble_row['start']))
    # loonsim: all repeats together, total steps over total time (as BLE's five episodes are).
    loon_steps, loon_flying, loon_process = 0, 0.0, 0.0
    for loon_row in loon_rows:
      flown = sum(l[2] for l in read_loonsim(loon_row['results']).values())
      loon_steps += flown
      loon_flying += flown / loonsim_episode_rate(loon_row['stderr'])
      loon_process += float(loon_row['end']) - float(loon_row['start'])
    loads = [float(ble_row['load_before'].split()[0])] + [float(r['load_after'].split()[0]) for r in loon_rows]
    table.append((rnd, agent, steps, ble_episodes, ble_process, len(loon_rows),
                  loon_steps / loon_flying, loon_steps / loon_process, min(loads), max(loads)))
    if agent not in shown:
      shown.add(agent)
      print(f'{agent} per seed (TWR50 / cumulative reward, BLE): ' +
            '; '.join(f'{seed}: {ble[seed][0]:.4f} / {ble[seed][1]:.2f}' for seed in args.seeds if seed in ble))

  n = len(args.seeds)
  print()
  print(f'agent steps per second on one core, {n} two-day episode{"s" if n != 1 else ""} per run; '
        '"episodes" = time inside the episodes, "process" = the whole command')
  header = ('round', 'agent', 'BLE episodes', 'BLE process', 'loonsim runs', 'loonsim episodes',
            'loonsim process', '× episodes', '× process', 'load (1 min)')
  print(' | '.join(header))
  print(' | '.join('---' for _ in header))
  for rnd, agent, steps, be, bp, k, le, lp, lo, hi in table:
    print(f'{rnd} | {agent} | {be:.1f} | {bp:.1f} | {k} | {le:.0f} | {lp:.0f} | '
          f'{le / be:.0f}× | {lp / bp:.0f}× | {lo:.2f}–{hi:.2f}')
  print()
  if mismatches:
    print(f'{mismatches} of {compared} episode comparisons differ between BLE and loonsim (see above)')
    return 1
  print(f'all {compared} episode comparisons equal (every loonsim run against BLE): TWR50, cumulative reward '
        'and steps flown, bit for bit')
  return 0


def main():
  p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
  sub = p.add_subparsers(dest='cmd', required=True)
  c = sub.add_parser('cut')
  c.add_argument('--export', required=True)
  c.add_argument('--seeds', type=int, nargs='+', required=True)
  c.add_argument('--out', required=True)
  r = sub.add_parser('report')
  r.add_argument('--timings', required=True)
  r.add_argument('--seeds', type=int, nargs='+', required=True)
  args = p.parse_args()
  return cmd_cut(args) if args.cmd == 'cut' else cmd_report(args)


if __name__ == '__main__':
  sys.exit(main())
