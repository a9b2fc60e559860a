# Set-up wrapper: `make demo` and `make test` install what is missing, build and run.
# The build itself is CMake's (CMakeLists.txt); this file only strings the steps together.

BUILD   ?= build
DEMO_DB ?= $(BUILD)/demo-index
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)

# Debian 12 packages winnow needs to build, test and run.
PACKAGES := cmake g++ make pkg-config libxapian-dev xapian-tools libicu-dev \
            libcli11-dev catch2 nlohmann-json3-dev rapidjson-dev libfmt-dev groff-base mandoc \
            iso-codes libgeonames-dev wamerican libcld2-dev libxxhash-dev \
            libjemalloc-dev

INDEX  := $(BUILD)/indexer/winnow-index
SEARCH := $(BUILD)/search/winnow-search

.PHONY: all deps configure build demo test install clean bench bench-filter bench-facets

all: build

# $(call install_missing,PACKAGES): installs only the packages that are
# missing, so a second run costs one dpkg query.
define install_missing
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi; \
	  $$sudo apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install_missing,$(PACKAGES))

configure: deps
	@[ -f $(BUILD)/CMakeCache.txt ] || cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# Indexes the bundled corpus and runs sample searches: a keyword, a phrase, a
# name typed without its accent, and the places of the articles that name
# Wagner and Gao.
demo: build
	$(INDEX) --db $(DEMO_DB) corpus/[0-9]*.txt
	@echo; echo '$$ winnow-search wagner'
	@$(SEARCH) --db $(DEMO_DB) --limit 3 wagner
	@echo; echo '$$ winnow-search "peacekeeping mission"'
	@$(SEARCH) --db $(DEMO_DB) --limit 3 '"peacekeeping mission"'
	@echo; echo '$$ winnow-search Antonio Guterres'
	@$(SEARCH) --db $(DEMO_DB) --limit 3 Antonio Guterres
	@echo; echo '$$ winnow-search --list places --actor wagner --place gao'
	@$(SEARCH) --db $(DEMO_DB) --list places --actor wagner --place gao
	@echo; echo 'The demo index is $(DEMO_DB): search it with'
	@echo '  $(SEARCH) --db $(DEMO_DB) QUERY'
	@echo 'or, after make install, winnow-search --db $(DEMO_DB) QUERY.'

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The unit and end-to-end tests again, built with AddressSanitizer and
# UndefinedBehaviorSanitizer in a folder of their own. Each report is written
# to $(ASAN_BUILD)/sanitizer-reports/ rather than stderr (the e2e tests compare
# stderr) and exits the program with status 86; any report there fails the
# target, whatever the test that ran into it expected. Leaks count too (none
# is known, the libraries' included, so nothing is suppressed).
ASAN_BUILD   ?= build-asan
ASAN_REPORTS := $(abspath $(ASAN_BUILD))/sanitizer-reports
SANITIZER_ENV := \
  ASAN_OPTIONS=detect_leaks=1:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=1:exitcode=86:log_path=$(ASAN_REPORTS)/asan \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86:log_path=$(ASAN_REPORTS)/ubsan

.PHONY: test-asan
test-asan: deps
	@[ -f $(ASAN_BUILD)/CMakeCache.txt ] || cmake -S . -B $(ASAN_BUILD) \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWINNOW_SANITIZE=ON
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	@rm -rf $(ASAN_REPORTS) && mkdir -p $(ASAN_REPORTS)
	cd $(ASAN_BUILD) && $(SANITIZER_ENV) ctest --output-on-failure -j $(JOBS); \
	  status=$$?; \
	  if [ -n "$$(ls -A $(ASAN_REPORTS))" ]; then \
	    echo "sanitizer reports in $(ASAN_REPORTS):"; \
	    for report in $(ASAN_REPORTS)/*; do echo "== $$report"; head -n 40 "$$report"; done; \
	    exit 1; \
	  fi; \
	  exit $$status

# Fuzzing (not part of `make test`): the libFuzzer targets in tests/fuzz,
# built with Clang, AddressSanitizer and UBSan in a folder of their own (the
# normal build keeps g++). Each runs FUZZ_SECONDS on a working corpus in
# $(FUZZ_BUILD), started from the committed seeds in tests/fuzz/corpus-NAME/
# so those stay small; a crash, a sanitizer report or a leak fails the
# target, with the input that did it in $(FUZZ_BUILD)/crashes/.
# libclang-rt-14-dev holds libFuzzer (libclang_rt.fuzzer-x86_64.a); clang-14
# only recommends it.
FUZZ_PACKAGES := clang-14 libclang-rt-14-dev
FUZZ_BUILD    ?= build-fuzz
FUZZ_SECONDS  ?= 600
FUZZ_TARGETS  := document query
FUZZ_ENV      := LSAN_OPTIONS=suppressions=$(abspath tests/fuzz/lsan.supp):print_suppressions=0 \
                 UBSAN_OPTIONS=print_stacktrace=1

.PHONY: fuzz fuzz-deps
fuzz-deps:
	$(call install_missing,$(FUZZ_PACKAGES))

fuzz: deps fuzz-deps
	@[ -f $(FUZZ_BUILD)/CMakeCache.txt ] || cmake -S . -B $(FUZZ_BUILD) -DCMAKE_CXX_COMPILER=clang++-14 \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWINNOW_FUZZ=ON -DBUILD_TESTING=OFF
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target $(FUZZ_TARGETS:%=winnow-fuzz-%)
	@failed=""; for target in $(FUZZ_TARGETS); do \
	  corpus=$(FUZZ_BUILD)/corpus-$$target; log=$(FUZZ_BUILD)/fuzz-$$target.log; \
	  mkdir -p $$corpus $(FUZZ_BUILD)/crashes && cp tests/fuzz/corpus-$$target/* $$corpus/; \
	  dict=""; [ ! -f tests/fuzz/$$target.dict ] || dict=-dict=tests/fuzz/$$target.dict; \
	  echo "fuzzing $$target for $(FUZZ_SECONDS) s (log: $$log)"; \
	  if $(FUZZ_ENV) $(FUZZ_BUILD)/tests/fuzz/winnow-fuzz-$$target -max_total_time=$(FUZZ_SECONDS) \
	       -print_final_stats=1 $$dict -artifact_prefix=$(FUZZ_BUILD)/crashes/$$target- $$corpus >$$log 2>&1; then \
	    grep -E '^#[0-9]+[[:space:]]+DONE' $$log; \
	  else \
	    tail -n 60 $$log; echo "winnow-fuzz-$$target failed: see $$log"; failed="$$failed $$target"; \
	  fi; \
	done; \
	[ -z "$$failed" ] || { echo "fuzz targets that failed:$$failed"; exit 1; }

# The boilerplate model (filters/lang/mul/boilerplate.model, committed):
# `make l3s-data L3S_MIRROR=DIR` turns a git mirror of the public GitHub
# repository geodrome/page-signal into gold folders in .cache/l3s-gn1 (never
# committed: L3S-GN1 is for research use), and `make train-boilerplate`
# trains the model from them and the project's own labelled folders
# (filters/train/boilerplate/README.md).
.PHONY: l3s-data conll-data conll-languages-data train-boilerplate train-entities
l3s-data:
	@[ -n "$(L3S_MIRROR)" ] || { echo "make l3s-data: set L3S_MIRROR to a git mirror of github.com/geodrome/page-signal" >&2; exit 2; }
	python3 filters/train/boilerplate/prepare_l3s.py --mirror "$(L3S_MIRROR)" --out .cache/l3s-gn1

# `make conll-data CONLL_MIRROR=DIR`: CoNLL-2003's eng.train and eng.testa (never
# eng.testb) as entity gold folders in .cache/conll (never committed: Reuters text).
conll-data:
	@[ -n "$(CONLL_MIRROR)" ] || { echo "make conll-data: set CONLL_MIRROR to a git mirror of github.com/ZhixiuYe/HSCRF-pytorch" >&2; exit 2; }
	python3 filters/train/entities/prepare_conll.py --mirror "$(CONLL_MIRROR)" --out .cache/conll

# `make conll-languages-data CONLL_LANGUAGES_MIRROR=DIR`: CoNLL-2003's German and
# CoNLL-2002's Spanish and Dutch (never their test splits) as entity gold folders
# in .cache/conll-languages/LANG (never committed: news text for research use).
conll-languages-data:
	@[ -n "$(CONLL_LANGUAGES_MIRROR)" ] || { echo "make conll-languages-data: set CONLL_LANGUAGES_MIRROR to a git mirror of github.com/Babelscape/wikineural" >&2; exit 2; }
	python3 filters/train/entities/prepare_conll_languages.py --mirror "$(CONLL_LANGUAGES_MIRROR)" --out .cache/conll-languages

# Only retraining needs XGBoost (Debian's python3-xgboost): the model it
# writes is read by the project's own code, and nothing else depends on it.
TRAIN_PACKAGES := python3-xgboost

train-boilerplate: build
	$(call install_missing,$(TRAIN_PACKAGES))
	cmake --build $(BUILD) -j $(JOBS) --target winnow-train-boilerplate
	filters/train/boilerplate/train.sh $(BUILD) filters/lang/mul/boilerplate.model

# The entity taggers: English from .cache/conll/train (make conll-data), German,
# Spanish and Dutch from .cache/conll-languages (make conll-languages-data), in
# seconds each; no package beyond the build's own (filters/train/entities/README.md).
ENTITY_EPOCHS := 6
ENTITY_MIN_COUNT := 3
ENTITY_LANGUAGES := de es nl
train-entities: build
	@[ -d .cache/conll/train ] || { echo "make train-entities: no .cache/conll/train; run make conll-data first" >&2; exit 2; }
	@for code in $(ENTITY_LANGUAGES); do [ -d .cache/conll-languages/$$code/train ] || { echo "make train-entities: no .cache/conll-languages/$$code/train; run make conll-languages-data first" >&2; exit 2; }; done
	cmake --build $(BUILD) -j $(JOBS) --target winnow-train-entities
	$(BUILD)/tests/eval/winnow-train-entities --epochs $(ENTITY_EPOCHS) --min-count $(ENTITY_MIN_COUNT) \
	  --out filters/lang/en/entities.model .cache/conll/train
	for code in $(ENTITY_LANGUAGES); do \
	  $(BUILD)/tests/eval/winnow-train-entities --language $$code --epochs $(ENTITY_EPOCHS) \
	    --min-count $(ENTITY_MIN_COUNT) --out filters/lang/$$code/entities.model .cache/conll-languages/$$code/train \
	    || exit 1; \
	done

# Benchmarks (not part of `make test`): figures and the command that made them.
# `make bench` is issue #6's: winnow against omindex and recoll on the 10k and
# 100k synthetic corpora (about an hour on 2 cores); it writes its report into
# docs/benchmarks.md. Knobs pass through (see tests/bench/run): `make bench
# SIZES=2000` is a quick trial that leaves the docs alone.
bench: deps
	BUILD=$(BUILD) JOBS=$(JOBS) tests/bench/run

# What the boilerplate filter costs next to indexing, on the 10k synthetic corpus.
bench-filter: deps
	BUILD=$(BUILD) JOBS=$(JOBS) tests/bench/filter_cost

# What each term family costs to write, and --batch against peak memory, on 2,000
# synthetic articles (about 10 minutes). Knobs pass through (see tests/bench/write_cost):
# RUNS, COUNT, SEED, CORPUS (an existing folder, read only), BATCHES, PARTS.
.PHONY: bench-write
bench-write: deps
	BUILD=$(BUILD) JOBS=$(JOBS) tests/bench/write_cost

# What --facets costs on top of the same query, per process, on the same corpus.
bench-facets: deps
	BUILD=$(BUILD) JOBS=$(JOBS) tests/bench/facet_cost

install: build
	cmake --install $(BUILD)

clean:
	rm -rf $(BUILD)
