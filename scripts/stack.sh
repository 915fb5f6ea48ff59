#!/usr/bin/env bash
# The local full stack on loopback (docs/local-stack.md):
#   scripts/stack.sh start    build, then start Azurite (unless one answers already), the Service Bus endpoint,
#                             the API host (the Function classes over HTTP) and one `ssl worker`; print the API URL
#                             and key. PIDs and logs go to .stack/.
#   scripts/stack.sh stop     stop exactly the processes `start` started, by their PID files
#   scripts/stack.sh status   which of them run
#   scripts/stack.sh env      the SSL_API_URL / SSL_API_KEY lines, for `eval "$(scripts/stack.sh env)"`
# Settings: STACK_API_PORT (7071), STACK_SB_PORT (5672), AZURITE_BLOB_PORT (10000), STACK_TEST_HOOKS=1 (the test
# clock and /admin/timers; off by default), STACK_NO_BUILD=1 (use what is built).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
state="$root/.stack"
api_port="${STACK_API_PORT:-7071}"
sb_port="${STACK_SB_PORT:-5672}"
blob_port="${AZURITE_BLOB_PORT:-10000}"
config=Release
dev_key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
storage="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$dev_key;BlobEndpoint=http://127.0.0.1:$blob_port/devstoreaccount1;"
servicebus="Endpoint=sb://127.0.0.1:$sb_port;SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true"
api_dll="$root/functions/Ssl.Cloud.ApiHost/bin/$config/net10.0/Ssl.Cloud.ApiHost.dll"
sb_dll="$root/tests/Ssl.ServiceBus.Endpoint/bin/$config/net10.0/Ssl.ServiceBus.Endpoint.dll"
ssl_dll="$root/trainer/Ssl.Cloud.Trainer/bin/$config/net10.0/ssl.dll"

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
running() { [[ -f "$state/$1.pid" ]] && kill -0 "$(cat "$state/$1.pid")" 2>/dev/null; }

wait_port() { # name port
  for _ in $(seq 1 300); do
    answers "$2" && return 0
    running "$1" || { echo "stack: $1 exited during start-up; log follows" >&2; tail -n 40 "$state/$1.log" >&2; return 1; }
    sleep 0.2
  done
  echo "stack: $1 did not answer on 127.0.0.1:$2 within 60 s" >&2
  return 1
}

launch() { # name command...
  local name="$1"; shift
  setsid "$@" >"$state/$name.log" 2>&1 < /dev/null &
  echo $! >"$state/$name.pid"
}

build() {
  [[ "${STACK_NO_BUILD:-}" == 1 ]] && return 0
  for project in functions/Ssl.Cloud.ApiHost tests/Ssl.ServiceBus.Endpoint trainer/Ssl.Cloud.Trainer; do
    dotnet build "$root/$project" -c "$config" --nologo -v quiet >&2
  done
}

start() {
  mkdir -p "$state"
  for name in servicebus api worker; do
    running "$name" && { echo "stack: $name runs already (pid $(cat "$state/$name.pid")); stop first" >&2; return 1; }
  done
  build
  if answers "$blob_port"; then
    echo "stack: Azurite answers on 127.0.0.1:$blob_port already; using it, and stop will leave it" >&2
  else
    AZURITE_BLOB_PORT="$blob_port" "$root/tests/azurite.sh" start
    echo "$blob_port" >"$state/azurite.started"
  fi
  [[ -f "$state/key" ]] || head -c 24 /dev/urandom | base64 | tr '+/' '-_' >"$state/key"
  launch servicebus dotnet "$sb_dll" --host 127.0.0.1 --port "$sb_port" --queue training \
    --lock-duration 00:01:00 --max-delivery-count 10 --duplicate-detection-window 00:10:00
  wait_port servicebus "$sb_port"
  local hooks=false
  [[ "${STACK_TEST_HOOKS:-}" == 1 || "${STACK_TEST_HOOKS:-}" == true ]] && hooks=true
  ApiHost__FunctionKey="$(cat "$state/key")" ApiHost__TestHooks="$hooks" \
    Storage__ConnectionString="$storage" ServiceBus__ConnectionString="$servicebus" \
    launch api dotnet "$api_dll" --urls "http://127.0.0.1:$api_port"
  wait_port api "$api_port"
  Storage__ConnectionString="$storage" ServiceBus__ConnectionString="$servicebus" \
    Worker__WorkDirectory="$state/worker" launch worker dotnet "$ssl_dll" worker
  sleep 1
  running worker || { echo "stack: worker exited during start-up; log follows" >&2; tail -n 40 "$state/worker.log" >&2; return 1; }
  echo "stack: up (logs in $state)" >&2
  env_lines
}

env_lines() {
  echo "export SSL_API_URL=http://127.0.0.1:$api_port"
  echo "export SSL_API_KEY=$(cat "$state/key")"
}

stop() {
  for name in worker api servicebus; do
    [[ -f "$state/$name.pid" ]] || continue
    local pid; pid="$(cat "$state/$name.pid")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
      echo "stack: stopped $name (pid $pid)" >&2
    fi
    rm -f "$state/$name.pid"
  done
  if [[ -f "$state/azurite.started" ]]; then
    AZURITE_BLOB_PORT="$(cat "$state/azurite.started")" "$root/tests/azurite.sh" stop
    rm -f "$state/azurite.started"
  fi
}

status() {
  for name in servicebus api worker; do
    if running "$name"; then echo "$name: running (pid $(cat "$state/$name.pid"))"; else echo "$name: stopped"; fi
  done
  if answers "$blob_port"; then echo "azurite: answers on 127.0.0.1:$blob_port"; else echo "azurite: no answer"; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) env_lines ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
