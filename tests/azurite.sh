#!/usr/bin/env bash
# Azurite (blob service only) for tests and .ci/run.
#   tests/azurite.sh start   install from npm into .tools/azurite if missing, start on
#                            127.0.0.1:$AZURITE_BLOB_PORT (default 10000), wait until it answers
#   tests/azurite.sh stop    stop the instance this script started (by its PID file)
# Azurite 3.x rejects x-ms-version values newer than the ones it knows, and the Azure SDKs
# move ahead of it; --skipApiVersionCheck lets current Azure.Storage.Blobs talk to it.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="${AZURITE_VERSION:-3.37.0}"
port="${AZURITE_BLOB_PORT:-10000}"
tools="$root/.tools/azurite"
state="$root/.azurite"
pidfile="$state/azurite-$port.pid"
bin="$tools/node_modules/.bin/azurite-blob"

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

install() {
  if [[ ! -x "$bin" ]]; then
    echo "azurite: installing azurite@$version into $tools" >&2
    mkdir -p "$tools"
    npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "azurite@$version" >&2
  fi
}

start() {
  if answers; then
    echo "azurite: 127.0.0.1:$port already answers; not starting another" >&2
    return 0
  fi
  install
  mkdir -p "$state"
  # setsid: the server outlives the shell (and the test host) that started it.
  setsid "$bin" --blobHost 127.0.0.1 --blobPort "$port" \
    --skipApiVersionCheck --loose --inMemoryPersistence --silent \
    >"$state/azurite-$port.log" 2>&1 < /dev/null &
  echo $! >"$pidfile"
  for _ in $(seq 1 150); do
    if answers; then
      echo "azurite: listening on 127.0.0.1:$port (pid $(cat "$pidfile"))" >&2
      return 0
    fi
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "azurite: exited during start-up; log follows" >&2
      cat "$state/azurite-$port.log" >&2
      return 1
    fi
    sleep 0.2
  done
  echo "azurite: no answer on 127.0.0.1:$port after 30 s" >&2
  return 1
}

stop() {
  if [[ ! -f "$pidfile" ]]; then
    echo "azurite: no PID file $pidfile; nothing to stop" >&2
    return 0
  fi
  local pid
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    echo "azurite: stopped pid $pid" >&2
  fi
  rm -f "$pidfile"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  install) install ;;
  *) echo "usage: $0 start|stop|install" >&2; exit 2 ;;
esac
