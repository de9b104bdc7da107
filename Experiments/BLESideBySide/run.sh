#!/usr/bin/env bash
# BLE beside loonsim: the same episodes, the same core, in one run.
#
# Flies BLE's own eval loop (../shared/tools/ble/ble_run.py) and `loonsim evaluate` on the same
# exported scenarios (../shared/data/ble), one after the other for each agent, pinned to the same
# core, checks that every episode's TWR50 and cumulative reward are equal, and prints agent steps
# per second for both and their ratio. This is the only source for a "× BLE" figure: a ratio
# measured here, in this run, not an old number.
#
#   Experiments/BLESideBySide/run.sh [options] [BLE_SETUP]
#
#   BLE_SETUP        folder made by ../shared/tools/ble/README.md's set-up, holding src/ (BLE at
#                    72082fe with its two model files) and venv/ (Python 3.11, pinned packages);
#                    or set BLE_HOME to it, or BLE_SRC and BLE_VENV separately.
#   --seeds LIST     seeds to fly, from the export (0-9, 100-149); default "100 101 102 103 104"
#   --agents LIST    ss, p44 (or station-seeker, perciatelli44); default "ss p44"
#   --rounds N       repeat the BLE/loonsim alternation N times (a table row each); default 1
#   --repeats K      run loonsim K times after each BLE run (its rate: all K together); default 5.
#                    BLE's run lasts about a minute, loonsim's well under a second, so one
#                    loonsim run would sample the machine's load over a moment only
#   --cpu N          the core both are pinned to with taskset; default 1
#   --loonsim PATH   the loonsim binary; default $LOONSIM, else .build-ble/release/loonsim,
#                    else .build/release/loonsim (build: swift build -c release --product loonsim)
#   --work DIR       keep the cut scenario file, logs and results here (default: a temporary
#                    folder, removed at the end)
#
# What is timed (see README.md here): BLE "episodes" = the sum of ble_run.py's per-episode wall
# times (env.seed + reset + eval_lib.eval_agent); BLE "process" = the whole python process,
# imports and model loading included. loonsim "episodes" = its own progress figure (steps flown
# ÷ time from the first episode's start to the last one's end, flight logs written); loonsim
# "process" = the whole `loonsim evaluate` process, start-up, VAE and agent loading and the
# BLE-format JSON with flight paths included. Ratios compare episodes with episodes and process
# with process. Load average is printed before and after, since the machine may be shared.
#
# Exit status: 0 when every episode matched, 1 on a mismatch, 2 on bad input or a failed run.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
shared="${LOONSIM_SHARED:-$repo/../shared}"
[ ! -d "$shared" ] || shared="$(cd "$shared" && pwd)"

die() { echo "run.sh: $*" >&2; exit 2; }

seeds="100 101 102 103 104"
agents="ss p44"
rounds=1
repeats=5
cpu=1
loonsim="${LOONSIM:-}"
work=""
setup="${BLE_HOME:-}"

while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) [ $# -ge 2 ] || die "--seeds needs a list, e.g. --seeds \"100 101 102\""; seeds="$2"; shift 2 ;;
    --agents) [ $# -ge 2 ] || die "--agents needs a list, e.g. --agents \"ss p44\""; agents="$2"; shift 2 ;;
    --rounds) [ $# -ge 2 ] || die "--rounds needs a number"; rounds="$2"; shift 2 ;;
    --repeats) [ $# -ge 2 ] || die "--repeats needs a number"; repeats="$2"; shift 2 ;;
    --cpu) [ $# -ge 2 ] || die "--cpu needs a core number"; cpu="$2"; shift 2 ;;
    --loonsim) [ $# -ge 2 ] || die "--loonsim needs the binary's path"; loonsim="$2"; shift 2 ;;
    --work) [ $# -ge 2 ] || die "--work needs a folder"; work="$2"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option '$1' (see --help)" ;;
    *) setup="$1"; shift ;;
  esac
done

# ---- inputs: fail early, one line each ----
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || die "--rounds must be a positive whole number, got '$rounds'"
[[ "$repeats" =~ ^[1-9][0-9]*$ ]] || die "--repeats must be a positive whole number, got '$repeats'"
[[ "$cpu" =~ ^[0-9]+$ ]] || die "--cpu must be a core number, got '$cpu'"
[ "$cpu" -lt "$(nproc --all)" ] || die "--cpu $cpu: this machine has cores 0-$(( $(nproc --all) - 1 ))"
for s in $seeds; do [[ "$s" =~ ^[0-9]+$ ]] || die "--seeds: '$s' is not a seed number"; done
[ -n "${seeds// /}" ] || die "--seeds is empty"
ble_agents=()
for a in $agents; do
  case "$a" in
    ss|station-seeker) ble_agents+=(ss) ;;
    p44|perciatelli44) ble_agents+=(p44) ;;
    *) die "--agents: unknown agent '$a' (ss or p44)" ;;
  esac
done
[ ${#ble_agents[@]} -gt 0 ] || die "--agents is empty"
command -v taskset >/dev/null || die "taskset is missing (util-linux); it pins BLE and loonsim to one core"

ble_src="${BLE_SRC:-${setup:+$setup/src}}"
ble_venv="${BLE_VENV:-${setup:+$setup/venv}}"
setup_help="see $shared/tools/ble/README.md"
[ -n "$ble_src" ] || die "no BLE set-up given: pass its folder (src/ and venv/) or set BLE_HOME; $setup_help"
[ -d "$ble_src/balloon_learning_environment" ] || die "BLE source missing: no $ble_src/balloon_learning_environment; $setup_help"
for model in offlineskies22_decoder.msgpack perciatelli44.pb; do
  [ -s "$ble_src/balloon_learning_environment/models/$model" ] \
    || die "BLE model file missing: $ble_src/balloon_learning_environment/models/$model (take it from the 1.0.1 wheel; $setup_help)"
done
[ -n "$ble_venv" ] || die "BLE venv not given: set BLE_VENV beside BLE_SRC, or pass the set-up folder; $setup_help"
python="$ble_venv/bin/python"
[ -x "$python" ] || die "BLE venv missing: no $python; $setup_help"
missing_modules="$("$python" -c '
import importlib.util
wanted = ["jax", "jaxlib", "numpy", "scipy", "flax", "opensimplex", "sklearn", "s2sphere", "tensorflow", "gin", "absl", "gym", "transitions"]
print(" ".join(m for m in wanted if importlib.util.find_spec(m) is None))')" \
  || die "BLE venv's python does not run: $python"
[ -z "$missing_modules" ] || die "BLE venv lacks: $missing_modules (pip install them; $setup_help)"
ble_run="$shared/tools/ble/ble_run.py"
data="$shared/data/ble"
[ -f "$ble_run" ] || die "BLE runner missing: $ble_run (set LOONSIM_SHARED to the folder holding tools/ble and data/ble)"
[ -f "$data/scenarios.json" ] || die "BLE export missing: $data/scenarios.json (set LOONSIM_SHARED)"

if [ -z "$loonsim" ]; then
  for candidate in "$repo/.build-ble/release/loonsim" "$repo/.build/release/loonsim"; do
    if [ -x "$candidate" ]; then loonsim="$candidate"; break; fi
  done
  [ -n "$loonsim" ] || die "no loonsim binary: build it (swift build -c release --product loonsim) or pass --loonsim PATH"
fi
[ -x "$loonsim" ] || die "--loonsim $loonsim is not an executable file"
loonsim="$(cd "$(dirname "$loonsim")" && pwd)/$(basename "$loonsim")"

if [ -z "$work" ]; then
  work="$(mktemp -d "${TMPDIR:-/tmp}/ble-side-by-side.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
else
  mkdir -p "$work" || die "cannot create --work folder $work"
fi

# ---- the scenario file, cut down to the seeds ----
scenarios="$work/scenarios.json"
"$python" "$here/sidebyside.py" cut --export "$data/scenarios.json" --seeds $seeds --out "$scenarios" \
  || exit 2  # it said why

now() { date +%s.%N; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

echo "BLE beside loonsim on core $cpu of $(nproc --all): seeds $seeds; agents ${ble_agents[*]}; $rounds round(s), loonsim $repeats× each"
echo "  BLE: $ble_src (python $("$python" -c 'import platform; print(platform.python_version())'))"
echo "  loonsim: $loonsim (version $("$loonsim" --version); checkout $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo 'not in git')$(git -C "$repo" diff --quiet HEAD 2>/dev/null || echo ', uncommitted changes'))"
echo "  load average before: $(loadavg)   (1, 5, 15 min)"

# One row per timed command: BLE once per round and agent, then loonsim --repeats times.
timings="$work/timings.tsv"
printf 'round\tagent\tsystem\trepeat\tresults\tstderr\tstart\tend\tload_before\tload_after\n' > "$timings"
record() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" "$(loadavg)" >> "$timings"; }

for round in $(seq 1 "$rounds"); do
  for agent in "${ble_agents[@]}"; do
    case "$agent" in ss) loonsim_agent=station-seeker ;; p44) loonsim_agent=perciatelli44 ;; esac
    tag="r${round}_$agent"

    echo "round $round, $agent: BLE ..." >&2
    rm -rf "$work/queue_$tag" "$work/ble_$tag.csv"
    load_before="$(loadavg)"
    t0=$(now)
    BLE_SRC="$ble_src" taskset -c "$cpu" "$python" "$ble_run" run --agents "$agent" --seeds $seeds \
        --queue-dir "$work/queue_$tag" --out "$work/ble_$tag.csv" > "$work/ble_$tag.log" 2>&1 \
      || die "BLE failed on $agent (log: $work/ble_$tag.log; use --work to keep it): $(tail -n 1 "$work/ble_$tag.log")"
    t1=$(now)
    [ ! -s "$work/queue_$tag/skipped.txt" ] \
      || die "BLE skipped episodes whose initial observation differs from the export: $(tr '\n' ';' < "$work/queue_$tag/skipped.txt")"
    record "$round" "$agent" BLE 1 "$work/ble_$tag.csv" "$work/ble_$tag.log" "$t0" "$t1" "$load_before"

    echo "round $round, $agent: loonsim x$repeats ..." >&2
    for rep in $(seq 1 "$repeats"); do
      out="$work/loonsim_${tag}_$rep"
      rm -rf "$out"
      load_before="$(loadavg)"
      t0=$(now)
      taskset -c "$cpu" "$loonsim" evaluate --days 2 --agent "$loonsim_agent" --scenarios "$scenarios" --jobs 1 \
          --out "$out" > "$out.log" 2> "$out.err" \
        || die "loonsim failed on $loonsim_agent: $(tail -n 1 "$out.err")"
      t1=$(now)
      record "$round" "$agent" loonsim "$rep" "$out" "$out.err" "$t0" "$t1" "$load_before"
    done
  done
done

echo "  load average after:  $(loadavg)"
echo
"$python" "$here/sidebyside.py" report --timings "$timings" --seeds $seeds
