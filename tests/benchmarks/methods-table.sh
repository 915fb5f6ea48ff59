#!/usr/bin/env bash
# Trains every registered method with the same budget on one dataset and prints a markdown table of the
# probes from each run's report.json. Usage:
#   bash tests/benchmarks/methods-table.sh <dataset> <epochs> [extra ssl train options...]
# e.g. bash tests/benchmarks/methods-table.sh builtin 10 --train-limit 5000
# Runs two at a time with one LibTorch thread each (faster than one run with two threads on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/../.."
dataset=${1:?dataset}; epochs=${2:?epochs}; shift 2
out=${OUT_DIR:-runs/methods-$(echo "$dataset" | tr -c 'a-z0-9\n' '-')-$epochs}
mkdir -p "$out"
dotnet build trainer/Ssl.Cloud.Trainer -c Release -v q --nologo >/dev/null
ssl="dotnet trainer/Ssl.Cloud.Trainer/bin/Release/net10.0/ssl.dll"
methods=${METHODS:-"simsiam byol barlow-twins simclr swav vicreg mocov3 dino"}
run() {
  local m=$1; shift
  [ -f "$out/$m/report.json" ] && return 0
  rm -rf "$out/$m"
  $ssl train --method "$m" --dataset "$dataset" --epochs "$epochs" --threads 1 --out "$out" --run-id "$m" "$@" \
    > "$out/$m.log" 2>&1 || echo "$m failed: see $out/$m.log" >&2
}
export -f run; export out dataset epochs ssl
printf '%s\n' $methods | xargs -P 2 -I{} bash -c 'run {} "$@"' _ "$@"
python3 - "$out" $methods <<'PY'
import json, sys, os
out, methods = sys.argv[1], sys.argv[2:]
print("| method | kNN trained | kNN random | kNN raw | linear trained | linear random | linear raw | train s |")
print("|---|---|---|---|---|---|---|---|")
for m in methods:
    p = os.path.join(out, m, "report.json")
    if not os.path.exists(p):
        print(f"| {m} | failed | | | | | | |"); continue
    r = json.load(open(p)); pr = r.get("probes") or {}
    f = lambda k, s: f"{100*pr[k][s]:.1f}" if pr else "-"
    status = "" if r["status"] == "succeeded" else f" ({r['status']}: {r.get('failureReason','')})"
    print(f"| {m}{status} | {f('trained','knn')} | {f('randomInit','knn')} | {f('rawPixels','knn')} | "
          f"{f('trained','linearTop1')} | {f('randomInit','linearTop1')} | {f('rawPixels','linearTop1')} | {r['trainingSeconds']:.0f} |")
PY
