#!/bin/sh
# Rebuilds filters/lang/mul/boilerplate.model (make train-boilerplate).
#
# Trains on the L3S-GN1 train split (made by `make l3s-data` from a mirror of
# geodrome/page-signal into .cache/l3s-gn1, never committed) and on the
# project's own labelled folders, each counted several times so that a few
# dozen hand-labelled articles in eight languages weigh against 400 English
# news pages. The L3S dev split chose the cost and the weights (README.md
# beside this script); the L3S test split is held out, and scored only.
#
# Usage: train.sh BUILD OUT
set -eu
BUILD=${1:?usage: train.sh BUILD OUT}
OUT=${2:?usage: train.sh BUILD OUT}
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
L3S=${L3S_DATA:-$ROOT/.cache/l3s-gn1}
COST=${COST:-0.1}
OWN_WEIGHT=${OWN_WEIGHT:-10}
CONTENT_WEIGHT=${CONTENT_WEIGHT:-1}

if [ ! -d "$L3S/train" ]; then
  echo "train.sh: $L3S/train: no L3S-GN1 training split; run make l3s-data L3S_MIRROR=... first" >&2
  exit 2
fi
set -- "$L3S/train" "$L3S/train-trimmed" "$ROOT/tests/data/seed-gold:$OWN_WEIGHT" "$ROOT/tests/data/boilerplate-dev:$OWN_WEIGHT"
for lang in "$ROOT"/tests/data/langs/*/; do set -- "$@" "${lang%/}:$OWN_WEIGHT"; done
# Set and empty: the trainer's own pass over each folder (counting
# fingerprints) then uses the rules alone, and never reads the model it is
# about to replace, whatever its shape.
WINNOW_BOILERPLATE_MODEL= "$BUILD/tests/eval/winnow-train-boilerplate" --cost "$COST" --content-weight "$CONTENT_WEIGHT" --out "$OUT" "$@"
