#!/usr/bin/env bash
# `iql grid --backend slurm` against a real Slurm (make test-slurm; CI runs it after make test).
# A single-node cluster in a temporary directory: Debian's slurm-wlm 22.05 and munge (installed with
# apt when missing), one slurm.conf with every state file and log under the directory, SLURM_CONF
# pointing every command at it, munged, slurmctld and slurmd started here and always stopped again.
# Needs root (apt, the daemons); it fails without, never skips.
#
# The checks, on fixture data:
#   1. two datasets x two seeds through Slurm (default --mem, SBATCH_WAIT=1) end with the local
#      backend's parameter hashes; run again, the grid submits nothing
#   2. one longer cell, scancel'ed mid-run: the same command resumes it, under --time 2, where Slurm
#      cuts it, it checkpoints, requeues itself and ends with the bits of an uncut run
# IQL=PATH names the binary (default build/iql); CUT_STEPS the long cell's updates (default: about
# 150 s of this machine's updates, timed first, so it outlasts Slurm's signal 30-90 s into a
# 2-minute task after the scancel).
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
IQL=$(realpath "${IQL:-build/iql}")
START=$(date +%s)

say() { echo "test-slurm: $*"; }
fail() { echo "test-slurm: FAILED: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "needs root: it installs Slurm and munge with apt and starts munged, slurmctld and slurmd; run it as root (sudo make test-slurm)"
[ -x "$IQL" ] || fail "$IQL is missing: build it (cmake --build build --target iql_cli) or set IQL=PATH"

# ---- the cluster -------------------------------------------------------------------------------
missing=$(for p in slurmctld slurmd slurm-client munge; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' || echo "$p"; done)
if [ -n "$missing" ]; then
  say "installing" $missing
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

TMP=$(mktemp -d /tmp/iql-slurm-test.XXXXXX)
STARTED=()  # pids of what this script started, stopped in reverse order
# jobs first (the cluster is this script's own), then every daemon by its pid, then the directory
# with all state and logs
stop_cluster() {
  local status=$?
  [ "$status" = 0 ] || { say "daemon logs:"; tail -n 20 "$TMP"/log/*.log 2>/dev/null || true; }
  if [ -n "${SLURM_CONF:-}" ] && squeue -h >/dev/null 2>&1; then
    scancel --quiet --user root 2>/dev/null || true
    for i in $(seq 30); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 1; done
  fi
  for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do kill "${STARTED[i]}" 2>/dev/null || true; done
  for pid in "${STARTED[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$TMP"
  exit "$status"
}
trap stop_cluster EXIT
trap 'exit 130' INT TERM

mkdir -p "$TMP"/{munge,state,spool,log,data,work}
mungekey --create --keyfile="$TMP/munge/munge.key"
munged --foreground --force --socket="$TMP/munge/socket" --key-file="$TMP/munge/munge.key" \
  --log-file="$TMP/log/munged.log" --pid-file="$TMP/munge/munged.pid" --seed-file="$TMP/munge/seed" \
  >"$TMP/log/munged.out" 2>&1 &
STARTED+=($!)

# every CPU (nproc would follow OMP_NUM_THREADS=1, which the Makefile exports)
CPUS=$(getconf _NPROCESSORS_ONLN)
# RealMemory well under the old default --mem of 8G, as on a small node; a requeued task may start
# again after cred_expire seconds (120 by default, too long for CI)
MEMORY_MB=$(( $(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo) < 3000 ? \
              $(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo) : 3000 ))
export SLURM_CONF=$TMP/slurm.conf
cat > "$SLURM_CONF" <<EOF
ClusterName=iqltest
SlurmctldHost=localhost
SlurmUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$TMP/munge/socket,cred_expire=10
StateSaveLocation=$TMP/state
SlurmdSpoolDir=$TMP/spool
SlurmctldPidFile=$TMP/slurmctld.pid
SlurmdPidFile=$TMP/slurmd.pid
SlurmctldLogFile=$TMP/log/slurmctld.log
SlurmdLogFile=$TMP/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
JobCompType=jobcomp/filetxt
JobCompLoc=$TMP/log/jobcomp.txt
JobAcctGatherType=jobacct_gather/none
MpiDefault=none
ReturnToService=2
MailProg=/bin/true
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$CPUS RealMemory=$MEMORY_MB State=UNKNOWN
PartitionName=main Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
for i in $(seq 50); do [ -S "$TMP/munge/socket" ] && break; sleep 0.1; done
slurmctld -D -i >"$TMP/log/slurmctld.out" 2>&1 &
STARTED+=($!)
slurmd -D -N localhost >"$TMP/log/slurmd.out" 2>&1 &
STARTED+=($!)
for i in $(seq 60); do [ "$(sinfo -h -o %T 2>/dev/null)" = idle ] && break; sleep 1; done
[ "$(sinfo -h -o %T)" = idle ] || fail "the node never became idle: $(sinfo -h -o '%T %E')"
say "a node with $CPUS CPUs and ${MEMORY_MB} MB is idle ($(($(date +%s) - START)) s)"

# ---- the grid ----------------------------------------------------------------------------------
export D4RL_DATASET_DIR=$TMP/data
for name in hopper-medium-v2 walker2d-medium-v2; do
  "$IQL" datasets fixture "$name" --out "$("$IQL" datasets path "$name" 2>/dev/null)" --rows 3000 >/dev/null
done
cat > "$TMP/grid.toml" <<EOF
[defaults]
seeds = [0, 1]
hidden_dim = 32
batch_size = 32
[dataset.hopper-medium-v2]
preset = "locomotion"
eval_interval = 100
eval_episodes = 1
[dataset.walker2d-medium-v2]
preset = "locomotion"
eval_interval = 100
eval_episodes = 1
EOF
cd "$TMP/work"  # the tasks' working directory: nothing lands in the repository

# the parameter hash of every finished cell under a runs directory, one "dataset/seed hash" a line
hashes() {
  for record in "$1"/*/seed*/run.json; do
    local cell=${record#"$1"/}
    echo "${cell%/run.json} $(grep -o '"parameter_hash": *"[^"]*"' "$record" | cut -d'"' -f4)"
  done
}
jobs_run() { [ -f "$TMP/log/jobcomp.txt" ] && wc -l <"$TMP/log/jobcomp.txt" || echo 0; }
# a hung wait ends the test, not CI
grid() { timeout 280 "$IQL" grid --offline "$@"; }
# Slurm starts each task in a session of its own, and Linux's autogroup scheduling gives each session
# a fair share of the CPUs: on a machine busy with other work of the session running this script, a
# Slurm task ran twice as fast as a cell started here, so the long cell, timed here, ended before
# Slurm's signal. The runs that time it and stand beside it get sessions of their own.
grid_apart() { timeout 280 setsid -w "$IQL" grid --offline "$@"; }
small=(--grid "$TMP/grid.toml" --steps 300)

grid "${small[@]}" --runs "$TMP/local" --jobs 2 >"$TMP/log/local.txt" 2>&1 || fail "local grid: $(cat "$TMP/log/local.txt")"
SBATCH_WAIT=1 grid "${small[@]}" --runs "$TMP/slurm" --backend slurm >"$TMP/log/slurm.txt" 2>&1 ||
  fail "slurm grid: $(cat "$TMP/log/slurm.txt")"
[ "$(hashes "$TMP/local" | wc -l)" = 4 ] || fail "the local grid finished $(hashes "$TMP/local" | wc -l) of 4 cells"
diff <(hashes "$TMP/local") <(hashes "$TMP/slurm") || fail "Slurm's parameter hashes differ from the local backend's"
grep -q "grid: 4 of 4 cells finished" "$TMP/log/slurm.txt" || fail "no report after waiting: $(cat "$TMP/log/slurm.txt")"
say "4 cells through Slurm with the default --mem on a ${MEMORY_MB} MB node: the local backend's hashes ($(($(date +%s) - START)) s)"

before=$(jobs_run)
grid "${small[@]}" --runs "$TMP/slurm" --backend slurm >"$TMP/log/again.txt" 2>&1 || fail "rerun: $(cat "$TMP/log/again.txt")"
grep -q "nothing to run: every cell is finished" "$TMP/log/again.txt" || fail "rerun: $(cat "$TMP/log/again.txt")"
sleep 2
[ "$(jobs_run)" = "$before" ] && [ -z "$(squeue -h)" ] || fail "a rerun of a finished grid submitted a job"
say "a rerun of the finished grid submits nothing"

# ---- one long cell: scancel, resume, cut by the time limit -------------------------------------
# the learner's default networks (256 x 256): a few ms per update
sed '/hidden_dim\|batch_size/d; s/eval_interval = 100/eval_interval = 2000/' "$TMP/grid.toml" >"$TMP/long.toml"
if [ -z "${CUT_STEPS:-}" ]; then
  # timed by the run's own clock over one evaluation interval, so the process's start and the
  # dataset's loading do not count
  grid_apart --grid "$TMP/long.toml" --runs "$TMP/timing" --only hopper --seeds 0 --steps 2000 >/dev/null 2>&1 ||
    fail "timing run"
  seconds=$(grep -o '"train_seconds": *[0-9.e+-]*' "$TMP"/timing/*/seed0/run.json | grep -o '[0-9.e+-]*$')
  CUT_STEPS=$(awk -v s="$seconds" 'BEGIN { print int(2000 * 150 / s / 100) * 100 }')
fi
long=(--grid "$TMP/long.toml" --only hopper --seeds 0 --steps "$CUT_STEPS")
grid_apart --runs "$TMP/uncut" "${long[@]}" --jobs 1 >"$TMP/log/uncut.txt" 2>&1 &
uncut=$!
STARTED+=("$uncut")
grid --runs "$TMP/cut" "${long[@]}" --backend slurm --time 2 >"$TMP/log/cut1.txt" 2>&1 || fail "$(cat "$TMP/log/cut1.txt")"
train_log=$TMP/cut/hopper-medium-v2/seed0/train.log
for i in $(seq 120); do [ -s "$TMP/cut/hopper-medium-v2/seed0/metrics.jsonl" ] && break; sleep 0.5; done
sleep 5
scancel "$(squeue -h -o %i | head -1)"
for i in $(seq 60); do [ -z "$(squeue -h)" ] && break; sleep 1; done
[ -z "$(squeue -h)" ] || fail "the cancelled task is still there: $(squeue)"
grid --runs "$TMP/cut" "${long[@]}" --backend slurm --time 2 --wait >"$TMP/log/cut2.txt" 2>&1 ||
  fail "after scancel: $(cat "$TMP/log/cut2.txt"; cat "$TMP"/cut/slurm/*.out)"
grep -q "0 to start, 1 to resume" "$TMP/log/cut2.txt" || fail "the cancelled cell was not resumed: $(head -1 "$TMP/log/cut2.txt")"
grep -q "resuming .* at step" "$train_log" || fail "train did not resume: $(cat "$train_log")"
say "scancel mid-run, then the same command resumes the cell ($(($(date +%s) - START)) s)"
grep -q "checkpointed before the time limit; requeueing" "$TMP"/cut/slurm/*.out ||
  fail "the cell was never cut by its time limit: raise CUT_STEPS ($CUT_STEPS); $(cat "$TMP"/cut/slurm/*.out)"
ls "$TMP"/cut/slurm/*-1.out >/dev/null 2>&1 || fail "no requeued run: $(ls "$TMP/cut/slurm")"
wait "$uncut" || fail "the uncut run: $(cat "$TMP/log/uncut.txt")"
[ -n "$(hashes "$TMP/uncut")" ] || fail "the uncut run did not finish"
diff <(hashes "$TMP/uncut") <(hashes "$TMP/cut") || fail "the cut cell ended with other bits than the uncut one"
say "cut by --time 2 ($CUT_STEPS updates), checkpointed, requeued by itself: the bits of an uncut run"
say "passed in $(($(date +%s) - START)) s"
