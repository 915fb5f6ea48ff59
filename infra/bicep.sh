#!/usr/bin/env bash
# Prints the path of the Bicep CLI, restoring it first if needed: a NuGet package that ships the native binary
# (Azure.Bicep.CommandLine.linux-x64, restored by infra/tools/BicepCli.csproj), so CI needs no other download.
# Used by infra/check.sh and by tests/Ssl.Cloud.Infra.Tests (which compiles main.bicep to ARM JSON).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(sed -n 's:.*<BicepVersion>\(.*\)</BicepVersion>.*:\1:p' "$root/infra/tools/BicepCli.csproj")"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
bicep="$packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"
if [[ ! -x "$bicep" ]]; then
  if [[ ! -f "$bicep" ]]; then
    echo "== restore Bicep CLI $version" >&2
    dotnet restore "$root/infra/tools/BicepCli.csproj" --nologo -v q >&2
  fi
  chmod +x "$bicep"
fi
echo "$bicep"
