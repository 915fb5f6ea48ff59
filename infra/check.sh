#!/usr/bin/env bash
# Offline checks of the deployable parts (DESIGN.md §5): `bicep build` and `bicep lint` on infra/ (every
# linter rule in infra/bicepconfig.json is at error level, and any compiler warning fails too), then
# `dotnet publish` of the Function app, which generates and checks its binding metadata (functions.metadata).
# The Bicep CLI comes from NuGet (infra/bicep.sh). tests/Ssl.Cloud.Infra.Tests checks the compiled template against
# the apps' code.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bicep="$(bash infra/bicep.sh)"

out="$root/.artifacts/infra"
mkdir -p "$out"
status=0
for file in infra/main.bicep; do
  echo "== bicep build $file"
  "$bicep" build "$file" --outdir "$out" 2>"$out/build.log" || status=1
  echo "== bicep lint $file"
  "$bicep" lint "$file" 2>>"$out/build.log" || status=1
done
# Warnings do not change bicep's exit code; here they fail like errors.
if [[ -s "$out/build.log" ]]; then
  sort -u "$out/build.log" >&2
  status=1
fi
if [[ $status -ne 0 ]]; then
  echo "infra/check.sh: Bicep diagnostics above" >&2
  exit 1
fi

echo "== dotnet publish functions/Ssl.Cloud.Functions"
dotnet publish functions/Ssl.Cloud.Functions -c Release -o "$root/.artifacts/functions" --nologo -v q -warnaserror
test -s "$root/.artifacts/functions/functions.metadata"
echo "infra/check.sh: ok"
