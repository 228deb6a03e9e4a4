#!/usr/bin/env bash
# Evaluation throughput of local mode against 1, 2 and 3 cluster workers on this machine (loopback), with the busy
# proxy: every candidate costs COST_MS of CPU time, so the ideal is 1000 / COST_MS evaluations/s per busy core.
#
#   benchmarks/cluster-scaling.sh [COST_MS] [EVALUATIONS] [FIRST_PORT]      defaults: 100 240 5801
#
# Each run is an NSGA-II search of NB201 (population 40, seed 1) with EVALUATIONS unique candidates; its throughput
# is EVALUATIONS / the search's wall time from run.json (JVM start and joining the cluster excluded). Local mode runs
# with 1 thread and with all cores; each worker evaluates one candidate at a time (--threads 1). Workers are started
# and stopped here, in a cluster of their own (a name with this shell's PID) on ports FIRST_PORT.. on 127.0.0.1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COST_MS="${1:-100}"
EVALS="${2:-240}"
PORT="${3:-5801}"
WORK="$(mktemp -d)"
WORKERS=()
stop_workers() {
  for pid in "${WORKERS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${WORKERS[@]}"; do wait "$pid" 2>/dev/null || true; done
  WORKERS=()
}
trap 'stop_workers; rm -rf "$WORK"' EXIT

cd "$ROOT"
./nas --version >/dev/null   # builds on first use

members=""
for ((p = PORT; p < PORT + 6; p++)); do members+="${members:+, }127.0.0.1:$p"; done
cat > "$WORK/cluster.yaml" <<YAML
cluster_name: edgenas-scaling-$$
members: [$members]
interface: 127.0.0.1
port: $PORT
port_count: 6
YAML

config() {  # config NAME EXECUTION
  cat > "$WORK/$1.yaml" <<YAML
name: $1
seed: 1
space: {name: nb201}
board: jetson-tx2
proxy: {name: busy, cost_ms: $COST_MS}
search: {population: 40, max_evaluations: $EVALS}
execution: $2
YAML
  echo "$WORK/$1.yaml"
}

throughput() {  # throughput RUN_DIR -> "seconds evals/s"
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("%.2f %.2f" % (r["wall_seconds"], r["evaluations"] / r["wall_seconds"]))' "$1/run.json"
}

echo "busy proxy: ${COST_MS} ms of CPU per candidate, $EVALS candidates; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %-8s %10s %10s %14s\n' mode workers seconds evals/s vs-local-1
base=""
for threads in 1 "$(nproc)"; do
  ./nas run "$(config "local-$threads" '{mode: local}')" --threads "$threads" --quiet --out "$WORK/local-$threads" >/dev/null
  read -r secs rate < <(throughput "$WORK/local-$threads")
  base="${base:-$rate}"
  printf '%-10s %-8s %10s %10s %14s\n' local "$threads thr" "$secs" "$rate" "$(python3 -c "print('%.2f' % ($rate / $base))")"
done
for n in 1 2 3; do
  while ((${#WORKERS[@]} < n)); do
    ./nas worker --cluster "$WORK/cluster.yaml" --threads 1 > "$WORK/worker-${#WORKERS[@]}.log" 2>&1 &
    WORKERS+=($!)
  done
  ./nas run "$(config "cluster-$n" "{mode: cluster, cluster: '$WORK/cluster.yaml', min_workers: $n, wait_s: 180}")" \
    --quiet --out "$WORK/cluster-$n" >/dev/null
  cmp -s "$WORK/local-1/evaluated.csv" "$WORK/cluster-$n/evaluated.csv" || { echo "cluster-$n evaluated differently" >&2; exit 1; }
  read -r secs rate < <(throughput "$WORK/cluster-$n")
  printf '%-10s %-8s %10s %10s %14s\n' cluster "$n" "$secs" "$rate" "$(python3 -c "print('%.2f' % ($rate / $base))")"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); every run evaluated the same candidates as local-1"
