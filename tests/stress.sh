#!/usr/bin/env bash
# Native-error stress (issue 19): every method's short training N times and the ML test project K times, each in a
# fresh process, under glibc's heap checks. Prints how many runs ended in a native error: a signal (SIGABRT from
# "double free or corruption", SIGSEGV), glibc's own report, or a LibTorch check failing on a freed object.
# Usage: bash tests/stress.sh [N=20] [K=5]   Env: SSL (the ssl command; default: build and run this clone's),
#        METHODS (default: all 8). Every run has SSL_STRESS_COLLECT=1 (Native/FinalizerStress.cs: a thread that
#        collects and finalizes without pause, so an object a native call still reads but nobody holds is freed
#        during the call). The test runs use it only with TESTS_COLLECT=1: the whole project takes about 11 minutes
#        under it here instead of 3. Logs of failed runs are kept as /tmp/stress-*.log.
set -uo pipefail
cd "$(dirname "$0")/.."
n=${1:-20}; k=${2:-5}
methods=${METHODS:-"simsiam byol barlow-twins simclr swav vicreg mocov3 dino"}
if [ -z "${SSL:-}" ]; then
  dotnet build trainer/Ssl.Cloud.Trainer -c Release -v q --nologo >/dev/null || exit 1
  ssl="dotnet trainer/Ssl.Cloud.Trainer/bin/Release/net10.0/ssl.dll"
else
  ssl=$SSL
fi
# MALLOC_CHECK_=3: glibc checks each free and aborts on a corrupt heap; MALLOC_PERTURB_ fills freed memory, so a read
# after free sees garbage at once instead of the old value.
checks=(MALLOC_CHECK_=3 MALLOC_PERTURB_=165 DOTNET_DbgEnableMiniDump=0 SSL_STRESS_COLLECT=1)
# The last three are what LibTorch says when it reads a c10::Scalar that was freed under it.
native='double free|corruption|free\(\): |malloc\(\)|Segmentation fault|SIGSEGV|SIGABRT'
native+='|Expected false to be true|Unknown scalar type|argument alpha must not be a floating point'
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
errors=0; runs=0
for m in $methods; do
  bad=0
  for i in $(seq 1 "$n"); do
    log="$out/$m-$i.log"
    env "${checks[@]}" $ssl train --method "$m" --dataset builtin --train-limit 256 --epochs 1 --width 4 \
      --batch-size 32 --seed "$i" --out "$out/runs" >"$log" 2>&1
    rc=$?
    runs=$((runs + 1))
    if [ $rc -ge 128 ] || grep -Eq "$native" "$log"; then
      bad=$((bad + 1)); errors=$((errors + 1))
      echo "  $m run $i: rc $rc: $(grep -Em1 "$native" "$log" | cut -c1-160)"
      cp "$log" "/tmp/stress-$m-$i.log"
    elif [ $rc -ne 0 ]; then
      echo "  $m run $i: rc $rc (not a native error): $(grep -Em1 'error|Exception' "$log" | cut -c1-160)"
      cp "$log" "/tmp/stress-$m-$i.log"
    fi
  done
  echo "$m: $bad native error(s) in $n runs"
done
tests_bad=0
if [ "$k" -gt 0 ]; then
  dotnet build tests/Ssl.Training.Tests -c Release -v q --nologo >/dev/null || exit 1
  for i in $(seq 1 "$k"); do
    log="$out/tests-$i.log"
    test_checks=("${checks[@]}")
    [ "${TESTS_COLLECT:-0}" = 1 ] || test_checks=("${checks[@]/SSL_STRESS_COLLECT=1/SSL_STRESS_COLLECT=0}")
    env "${test_checks[@]}" dotnet test tests/Ssl.Training.Tests -c Release --no-build --nologo >"$log" 2>&1
    rc=$?
    if grep -Eq "$native|Test host process crashed|The active test run was aborted" "$log"; then
      tests_bad=$((tests_bad + 1)); cp "$log" "/tmp/stress-tests-$i.log"
      echo "  Ssl.Training.Tests run $i: rc $rc: $(grep -Em1 "$native|crashed|aborted" "$log" | cut -c1-160)"
    else
      echo "  Ssl.Training.Tests run $i: rc $rc, $(grep -Eo '(Passed|Failed)!.*Total: +[0-9]+' "$log" | head -1)"
    fi
  done
fi
echo "native errors: $errors in $runs training runs ($n per method); $tests_bad in $k runs of Ssl.Training.Tests"
[ $errors -eq 0 ] && [ $tests_bad -eq 0 ]
