#!/usr/bin/env bash
# The JavaScript Service Bus SDK that JavaScriptClientTests drive, installed from npm into .tools/servicebus-js
# when it is missing or another version (the way tests/azurite.sh installs Azurite). Prints the node_modules
# folder to put on NODE_PATH; npm's own output goes to stderr.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
version="7.9.5"
tools="$root/.tools/servicebus-js"
manifest="$tools/node_modules/@azure/service-bus/package.json"

installed="$(node -p "require(process.argv[1]).version" "$manifest" 2>/dev/null || true)"
if [[ "$installed" != "$version" ]]; then
  echo "servicebus-js: installing @azure/service-bus@$version into $tools" >&2
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --loglevel=error "@azure/service-bus@$version" >&2
fi
echo "$tools/node_modules"
