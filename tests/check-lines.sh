#!/usr/bin/env bash
# Fails, naming file:line, for any line over MAX (120) characters in the C# files git tracks or would track
# (generated code and obj/ bin/ excluded). No file is exempt.
# Usage: tests/check-lines.sh [repository root]   (default: this script's repository)
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"
MAX=120

git ls-files --cached --others --exclude-standard -- '*.cs' \
  | grep -Ev '(^|/)(obj|bin)/|\.g\.cs$|\.Designer\.cs$' \
  | while IFS= read -r file; do [ -f "$file" ] && printf '%s\0' "$file"; done \
  | xargs -0 -r awk -v max="$MAX" '
      { sub(/\r$/, "") }
      length($0) > max { printf "%s:%d: %d characters (at most %d)\n", FILENAME, FNR, length($0), max; bad++ }
      END { exit bad > 0 }' \
  || { echo "check-lines: lines over $MAX characters (see above)" >&2; exit 1; }
echo "check-lines: no C# line over $MAX characters"
