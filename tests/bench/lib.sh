# Shared by the benchmark scripts in tests/bench: packages, build, corpus.
# Source it after setting ROOT, BUILD, JOBS, COUNT and SEED.

# Installs the Debian packages given that are missing (as root or through sudo).
bench_packages() {
  local missing="" p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  [ -n "$missing" ] || return 0
  echo "installing:$missing"
  local sudo="sudo"
  [ "$(id -u)" -eq 0 ] && sudo=""
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
}

# Builds the given targets in $BUILD, configured the way `make build` does it.
bench_build() {
  [ -f "$BUILD/CMakeCache.txt" ] || cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release
  local build_type
  build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$BUILD/CMakeCache.txt")"
  [ "$build_type" = Release ] ||
    echo "warning: $BUILD is configured as '${build_type:-no build type}', not Release; figures will be off" >&2
  cmake --build "$BUILD" -j "$JOBS" --target "$@"
}

# Sets CORPUS to the synthetic corpus of $COUNT files (seed $SEED), generated
# once into $BUILD/bench/ and kept between runs. The generator's default seed
# folder (../seed-gold next to the shared copy) does not exist in this
# repository: the same five seed articles are passed explicitly, which gives
# byte-identical files.
bench_corpus() {
  CORPUS="$BUILD/bench/corpus-$COUNT-seed$SEED"
  if [ "$(find "$CORPUS" -name '*.txt' 2>/dev/null | wc -l)" -ne "$COUNT" ]; then
    rm -rf "$CORPUS" "$CORPUS.tmp"
    mkdir -p "$(dirname "$CORPUS")"
    echo "\$ python3 corpus/gen_corpus.py $CORPUS -n $COUNT --seed $SEED --seeds tests/data/seed-gold"
    python3 corpus/gen_corpus.py "$CORPUS.tmp" -n "$COUNT" --seed "$SEED" --seeds tests/data/seed-gold
    mv "$CORPUS.tmp" "$CORPUS"
  fi
}
