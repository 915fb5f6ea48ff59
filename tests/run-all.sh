#!/usr/bin/env bash
# The whole test suite from a fresh machine: installs what the tests need (apt, npm), starts the emulators,
# runs every test project, stops the emulators. CI (.ci/run) runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO=sudo; fi

# Debian packages: the real labelled dataset for the quality tests; torch + torchvision for the export test;
# podman, runc and debootstrap for the trainer image and its container tests.
APT_PACKAGES=(dataset-fashion-mnist python3-torch python3-torchvision podman runc debootstrap)
missing=()
for p in "${APT_PACKAGES[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm: the JavaScript Service Bus SDK that tests/Ssl.ServiceBus.Endpoint.Tests drive (the test installs it too).
servicebus_js="$(bash tests/Ssl.ServiceBus.Endpoint.Tests/JavaScript/install.sh)"
echo "== npm: @azure/service-bus in $servicebus_js"

# Emulators the integration tests talk to (started here so that they are stopped here, by PID).
cleanup() { [ -f tests/azurite.sh ] && bash tests/azurite.sh stop || true; }
trap cleanup EXIT
if [ -f tests/azurite.sh ]; then bash tests/azurite.sh start; fi

echo "== tests/check-lines.sh (C# lines of at most 120 characters)"
bash tests/check-lines.sh
echo "== dotnet build"
dotnet build Ssl.Cloud.sln -c Release -warnaserror --nologo -v quiet
# The CPU trainer image from this code (the Debian base is made once and kept in podman's store); the container
# tests run it.
echo "== trainer/build-cpu-image.sh"
bash trainer/build-cpu-image.sh
echo "== infra/check.sh (bicep build + lint, Function app publish)"
bash infra/check.sh
echo "== dotnet test"
# -m:1: one test project at a time. The worker, journey and container tests start processes that train; run beside
# the ML tests on 2 cores they ran past their own time limits.
dotnet test Ssl.Cloud.sln -c Release --no-build --nologo -m:1 --logger "console;verbosity=normal" "$@"
