#!/bin/sh
# Rebuilds filters/lang/mul/boilerplate.model (make train-boilerplate).
#
# Trains on the L3S-GN1 train split (made by `make l3s-data` from a mirror of
# geodrome/page-signal into .cache/l3s-gn1, never committed) and on the
# project's own labelled folders, each counted several times so that a few
# dozen hand-labelled articles in eight languages weigh against 400 English
# news pages. winnow-train-boilerplate writes the examples (each block's
# features and gold label) into .cache; train_trees.py fits XGBoost's trees
# to them. The L3S dev split chose the settings (README.md beside this
# script); the L3S test split is held out, and scored only.
#
# Usage: train.sh BUILD OUT
set -eu
BUILD=${1:?usage: train.sh BUILD OUT}
OUT=${2:?usage: train.sh BUILD OUT}
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
L3S=${L3S_DATA:-$ROOT/.cache/l3s-gn1}
OWN_WEIGHT=${OWN_WEIGHT:-10}
EXAMPLES=${EXAMPLES:-$ROOT/.cache/boilerplate-examples.txt}

if [ ! -d "$L3S/train" ]; then
  echo "train.sh: $L3S/train: no L3S-GN1 training split; run make l3s-data L3S_MIRROR=... first" >&2
  exit 2
fi
set -- "$L3S/train" "$L3S/train-trimmed" "$ROOT/tests/data/seed-gold:$OWN_WEIGHT" "$ROOT/tests/data/boilerplate-dev:$OWN_WEIGHT"
for lang in "$ROOT"/tests/data/langs/*/; do set -- "$@" "${lang%/}:$OWN_WEIGHT"; done
mkdir -p "$(dirname "$EXAMPLES")"
# Set and empty: the trainer's own pass over each folder (counting
# fingerprints) then uses the rules alone, and never reads the model it is
# about to replace, whatever its shape.
WINNOW_BOILERPLATE_MODEL= "$BUILD/tests/eval/winnow-train-boilerplate" --out "$EXAMPLES" "$@"
"$ROOT/filters/train/boilerplate/train_trees.py" "$EXAMPLES" "$OUT"
