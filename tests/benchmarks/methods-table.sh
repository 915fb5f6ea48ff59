#!/usr/bin/env bash
# Trains every registered method with the same budget on one dataset, over several seeds, and prints a markdown
# table of the probes (mean ± spread over the seeds, spread = half the range) from each run's report.json. Usage:
#   bash tests/benchmarks/methods-table.sh <dataset> <budget> [extra ssl train options...]
# <budget>: a number of epochs (10), a time budget in minutes (14m), or "default" (ssl train's own budget).
# e.g. bash tests/benchmarks/methods-table.sh builtin default
#      SEEDS="0" METHODS="byol simsiam" PARALLEL=1 THREADS=2 bash tests/benchmarks/methods-table.sh fashion-mnist 14m
# Runs PARALLEL (2) at a time with THREADS (1) LibTorch threads each (on 2 cores, two one-thread runs finish
# sooner than one two-thread run after the other). A run whose report.json exists is not run again.
set -euo pipefail
cd "$(dirname "$0")/../.."
dataset=${1:?dataset}; budget=${2:?budget: epochs, Nm or default}; shift 2
out=${OUT_DIR:-runs/methods-$(echo "$dataset" | tr -c 'a-z0-9\n' '-')-$budget}
mkdir -p "$out"
# SSL: the trainer to run (default: this checkout's, built first); a copy lets you rebuild while the table runs.
if [ -z "${SSL:-}" ]; then
  dotnet build trainer/Ssl.Cloud.Trainer -c Release -v q --nologo >/dev/null
  SSL="dotnet trainer/Ssl.Cloud.Trainer/bin/Release/net10.0/ssl.dll"
fi
ssl=$SSL
methods=${METHODS:-"simsiam byol barlow-twins simclr swav vicreg mocov3 dino"}
seeds=${SEEDS:-"0 1 2"}
case "$budget" in
  default) sizing=() ;;
  *m) sizing=(--minutes "${budget%m}") ;;
  *) sizing=(--epochs "$budget") ;;
esac
run() {
  local m=${1% *} s=${1#* }; shift
  local id="$m-s$s"
  [ -f "$out/$id/report.json" ] && return 0
  rm -rf "${out:?}/$id"
  $ssl train --method "$m" --dataset "$dataset" "${sizing[@]}" --seed "$s" --threads "${THREADS:-1}" --out "$out" \
    --run-id "$id" "$@" > "$out/$id.log" 2>&1 || echo "$id failed: see $out/$id.log" >&2
}
export -f run; export out dataset ssl; export sizing_str="${sizing[*]}"
for m in $methods; do for s in $seeds; do echo "$m $s"; done; done \
  | xargs -P "${PARALLEL:-2}" -I{} bash -c 'sizing=($sizing_str); run "{}" "$@"' _ "$@"
python3 - "$out" "$seeds" $methods <<'PY'
import json, sys, os
out, seeds, methods = sys.argv[1], sys.argv[2].split(), sys.argv[3:]
def cell(values):
    if not values: return "-"
    mean = sum(values) / len(values)
    return f"{mean:.1f}" if len(values) == 1 else f"{mean:.1f} ± {(max(values) - min(values)) / 2:.1f}"
print(f"seeds {' '.join(seeds)}; mean ± half the range")
print()
print("| method | kNN trained | kNN random | kNN raw | linear trained | linear random | linear raw | epochs "
      "| train s per run |")
print("|---|---|---|---|---|---|---|---|---|")
for m in methods:
    reports, failed = [], []
    for s in seeds:
        p = os.path.join(out, f"{m}-s{s}", "report.json")
        r = json.load(open(p)) if os.path.exists(p) else None
        if r is None or r["status"] != "succeeded" or not r.get("probes"):
            reason = (r or {}).get("failureReason") or ""
            failed.append(s if r is None else f"{s} {r['status']}: {reason.split(':')[0]}")
        else:
            reports.append(r)
    get = lambda probe, score: cell([100 * r["probes"][probe][score] for r in reports])
    epochs = sorted({r["options"]["epochs"] for r in reports})
    note = f" (seed {'; '.join(failed)} failed)" if failed else ""
    print(f"| {m}{note} | {get('trained', 'knn')} | {get('randomInit', 'knn')} | {get('rawPixels', 'knn')} | "
          f"{get('trained', 'linearTop1')} | {get('randomInit', 'linearTop1')} | {get('rawPixels', 'linearTop1')} | "
          f"{'/'.join(map(str, epochs))} | {cell([r['trainingSeconds'] for r in reports])} |")
PY
