#!/usr/bin/env bash
# `ssl bench train` against the same model in PyTorch (tests/benchmarks/simsiam_step.py: SimSiam, ConvNet, same
# heads, batch and threads), alternately for several rounds so that both see the same machine load. Compares the
# model's part of a step (forward + backward + optimiser step); augmentation is timed by ssl only and left out.
# Both the wall-clock ratio and the CPU-time ratio are printed: on a shared machine the CPU time is the steadier.
# Usage: bash tests/benchmarks/side-by-side.sh [rounds] [threads] [extra ssl bench train options...]
# e.g.   bash tests/benchmarks/side-by-side.sh 5 2
# Env: SSL (the ssl command; default: build and run this clone's), WIDTH (16), BATCH (256), STEPS (20),
#      PROJ (512), PRED (128).
# Needs Debian's python3-torch and libopenblas0-pthread (its default reference BLAS is about 10x slower).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}; threads=${2:-2}; shift $(( $# < 2 ? $# : 2 ))
width=${WIDTH:-16}; batch=${BATCH:-256}; steps=${STEPS:-20}; proj=${PROJ:-512}; pred=${PRED:-128}
if [ -z "${SSL:-}" ]; then
  dotnet build trainer/Ssl.Cloud.Trainer -c Release -v q --nologo >/dev/null
  ssl="dotnet trainer/Ssl.Cloud.Trainer/bin/Release/net10.0/ssl.dll"
else
  ssl=$SSL  # e.g. SSL="dotnet /tmp/copy/ssl.dll": a copy that a build cannot change under a running benchmark
fi
# The same malloc settings ssl applies from inside (Orchestration/MallocTuning.cs), for PyTorch by environment.
pyenv="MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=2147483647 MALLOC_TOP_PAD_=1073741824"
# nth(key, n): the n-th number on the line that starts with key.
nth() { awk -v k="$1" -v n="$2" 'index($0, k) == 1 {
  for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+$/ && --n == 0) { print $i; exit } }'; }
sum() { awk -v a="$1" -v b="$2" 'BEGIN { print a + b }'; }
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); width $width, batch $batch, threads $threads"
ratios=(); cpu_ratios=()
for r in $(seq 1 "$rounds"); do
  ours=$($ssl bench train --method simsiam --encoder convnet --width "$width" --batch-size "$batch" \
    --steps "$steps" --threads "$threads" --device cpu --set projector-dim="$proj" --set predictor-dim="$pred" "$@")
  theirs=$(env $pyenv /usr/bin/python3 tests/benchmarks/simsiam_step.py --width "$width" --batch-size "$batch" \
    --steps "$steps" --threads "$threads" --projector-dim "$proj" --predictor-dim "$pred")
  # ssl's rows: ms/step, img/s, share, CPU ms/step, img/CPU-s; PyTorch's: ms/step, CPU ms/step.
  a=$(sum "$(echo "$ours" | nth forward 1)" "$(echo "$ours" | nth 'backward + step' 1)")
  ac=$(sum "$(echo "$ours" | nth forward 4)" "$(echo "$ours" | nth 'backward + step' 4)")
  b=$(sum "$(echo "$theirs" | nth forward 1)" "$(echo "$theirs" | nth 'backward + step' 1)")
  bc=$(sum "$(echo "$theirs" | nth forward 2)" "$(echo "$theirs" | nth 'backward + step' 2)")
  ratios+=("$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", b / a }')")
  cpu_ratios+=("$(awk -v a="$ac" -v b="$bc" 'BEGIN { printf "%.2f", b / a }')")
  awk -v r="$r" -v a="$a" -v b="$b" -v ac="$ac" -v bc="$bc" -v n="$batch" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN { printf "round %d: ssl %.0f img/s (%.0f per CPU-s), pytorch %.0f img/s (%.0f per CPU-s), load %s\n",
      r, 1000 * n / a, 1000 * n / ac, 1000 * n / b, 1000 * n / bc, l }'
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
  printf "median %s (min %s, max %s)", v[int((NR + 1) / 2)], v[1], v[NR] }'; }
echo "ssl / pytorch speed (forward + backward + step) over $rounds rounds:"
echo "  wall clock: $(median "${ratios[@]}")"
echo "  CPU time:   $(median "${cpu_ratios[@]}")"
