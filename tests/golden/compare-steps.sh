#!/usr/bin/env bash
# Same numbers after a refactor: trains every method (or those named) for 4 steps with two builds of `ssl` and
# compares the checkpoints' tensors (weights, optimiser state, buffers) byte for byte, and the epoch loss.
# Usage: tests/golden/compare-steps.sh BASE_SSL_DLL NEW_SSL_DLL [method ...]
#   e.g. BASE = the main checkout's trainer/Ssl.Cloud.Trainer/bin/Release/net10.0/ssl.dll, NEW = this one's.
# Prints one line per method and exits 1 if any differs. About 40 s per method and build on one busy core.
set -euo pipefail
base="$1"; new="$2"; shift 2
methods=("$@")
[ ${#methods[@]} -gt 0 ] || methods=(simsiam byol barlow-twins simclr swav vicreg mocov3 dino)
work="$(mktemp -d)"
export SSL_CACHE="$work/cache"
for m in "${methods[@]}"; do
  for side in base new; do
    dll=$base; [ $side = new ] && dll=$new
    dotnet "$dll" train --method "$m" --epochs 1 --train-limit 256 --batch-size 64 --threads 1 --width 8 --seed 0 \
      --eval-every 0 --collapse-threshold 0 --checkpoint-every 1 -o "$work/$side" --run-id "$m" \
      > "$work/$side-$m.log" 2>&1 || { echo "$m: $side build failed, see $work/$side-$m.log" >&2; exit 1; }
  done
done
python3 - "$work" "${methods[@]}" <<'PY'
import json, struct, sys
work, methods = sys.argv[1], sys.argv[2:]
def load(path):
    b = open(path, 'rb').read(); n = struct.unpack('<Q', b[:8])[0]; h = json.loads(b[8:8 + n])
    meta = h.pop('__metadata__'); return h, b[8 + n:], json.loads(meta['state'])
bad = 0
for m in methods:
    (ha, da, sa), (hb, db, sb) = (load(f'{work}/{side}/{m}/checkpoints/epoch-0001.ckpt') for side in ('base', 'new'))
    same = ha == hb and da == db
    losses = [(e['loss'], f['loss']) for e, f in zip(sa['epochs'], sb['epochs'])]
    same = same and all(a == b for a, b in losses)
    bad += not same
    print(f"{m}: {'identical' if same else 'DIFFERENT'} ({len(ha)} tensors, {len(da)} bytes; loss {losses})")
sys.exit(1 if bad else 0)
PY
