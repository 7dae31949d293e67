# Front door. `make run` and `make test` work on a fresh Debian machine: each installs what is
# missing (apt), configures, builds and runs.
BUILD    ?= build
JOBS     ?= $(shell nproc)
IQL      := $(BUILD)/iql
# one BLAS thread and a fixed kernel family: results depend on neither the job count nor the CPU model
export OPENBLAS_NUM_THREADS := 1
export OMP_NUM_THREADS := 1
export OPENBLAS_CORETYPE ?= Haswell

DEB_PACKAGES := g++ cmake make pkg-config git libxtensor-dev libxtensor-blas-dev libopenblas-dev \
                libcli11-dev libmujoco-dev libhdf5-dev libcurl4-openssl-dev libssl-dev \
                libgtest-dev libgmock-dev libbenchmark-dev python3 \
                libcairo2-dev fonts-dejavu-core nlohmann-json3-dev libxml2-dev \
                libegl-dev libegl-mesa0 libgl1-mesa-dri ffmpeg
# the PyTorch reference (parity, speed comparison) and plots need Python packages from Debian
PY_PACKAGES  := python3-torch python3-h5py python3-numpy

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps deps-python configure build test test-slurm test-sanitize run bench parity reproduce golden clean

all: build

# install only the missing packages; `apt-get update` only when something is missing
define apt_install
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	  grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call apt_install,$(DEB_PACKAGES))

deps-python:
	$(call apt_install,$(PY_PACKAGES))

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release

configure: $(BUILD)/CMakeCache.txt

build: deps configure
	cmake --build $(BUILD) -j $(JOBS)

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

# iql grid --backend slurm against a real single-node Slurm started in a temporary directory (root)
test-slurm: deps configure
	cmake --build $(BUILD) -j $(JOBS) --target iql_cli
	IQL=$(IQL) tests/slurm/run_slurm_test.sh

# the whole suite under AddressSanitizer and UBSan, in its own build tree; ~35 minutes on 2 cores, so
# not part of CI
test-sanitize: deps
	cmake -S . -B $(BUILD)-sanitize -DCMAKE_BUILD_TYPE=Release -DIQL_SANITIZE=ON
	cmake --build $(BUILD)-sanitize -j $(JOBS)
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/sanitize/lsan.supp:print_suppressions=0 \
	  ctest --test-dir $(BUILD)-sanitize --output-on-failure -j $(JOBS)

# the main job, offline: IQL and BC on a mixture of expert and random hopper data (committed inputs), the verdict, a figure and a video
run: deps configure
	cmake --build $(BUILD) -j $(JOBS) --target iql_cli
	$(IQL) demo

bench: build deps-python
	@for b in $(BUILD)/bench_*; do echo "== $$b"; $$b --benchmark_counters_tabular=true || exit 1; done

# the C++ learners (IQL, SAC) against the independent PyTorch references; remakes golden/parity/ when each passes
parity: build deps-python
	@mkdir -p $(BUILD)/parity
	@for c in locomotion antmaze; do \
	  $(IQL) parity inputs --case $$c --out $(BUILD)/parity/$$c-inputs.h5 && \
	  /usr/bin/python3 tests/reference/iql_reference.py $(BUILD)/parity/$$c-inputs.h5 $(BUILD)/parity/$$c-torch.h5 && \
	  $(IQL) parity compare --case $$c --reference $(BUILD)/parity/$$c-torch.h5 && \
	  cp $(BUILD)/parity/$$c-torch.h5 golden/parity/$$c.h5 || exit 1; \
	done
	$(IQL) parity inputs --case sac --out $(BUILD)/parity/sac-inputs.h5
	/usr/bin/python3 tests/reference/sac_reference.py $(BUILD)/parity/sac-inputs.h5 $(BUILD)/parity/sac-torch.h5
	$(IQL) parity compare --case sac --reference $(BUILD)/parity/sac-torch.h5
	cp $(BUILD)/parity/sac-torch.h5 golden/parity/sac.h5

# the paper's tables: every (dataset, seed) of configs/grids/paper.toml on the real D4RL files
# (fetched into $$D4RL_DATASET_DIR or ~/.d4rl/datasets when missing), then the report in results/.
# Scale it down with SEEDS=N (seeds 0..N-1), STEPS=N, JOBS=N, DATASETS=pattern[,pattern].
SEEDS    ?=
STEPS    ?=
DATASETS ?=
# SUITE=regen: the regenerated datasets (configs/grids/regen.toml) by `iql reproduce`: it prints the plan
# and the estimated core-hours, makes every missing dataset (replay sets rerun their SAC run), trains
# IQL (RESULTS/runs) and its BC twin (temperature 0, RESULTS/runs-bc) seed by seed, writes the report
# in RESULTS and checks every finished run bit for bit against golden/regen-<budget>.csv
# (golden/regen-100k.csv for STEPS=100000, golden/regen-1m.csv for the paper's 1M). Interrupted, the
# same command continues. RESULTS=DIR puts everything elsewhere (e.g. outside a work tree).
SUITE    ?= paper
RESULTS  ?= $(if $(filter paper,$(SUITE)),results,results/$(SUITE))
GRID_ARGS = --grid configs/grids/$(SUITE).toml --jobs $(JOBS) \
  $(if $(SEEDS),--seeds 0-$(shell echo $$(($(SEEDS) - 1)))) $(if $(STEPS),--steps $(STEPS)) \
  $(if $(DATASETS),--only $(DATASETS))
reproduce: deps configure
	cmake --build $(BUILD) -j $(JOBS) --target iql_cli
ifeq ($(SUITE),paper)
	$(IQL) grid $(GRID_ARGS) --runs $(RESULTS)/runs
	$(IQL) report $(RESULTS)/runs --out $(RESULTS) --golden golden/paper.csv
else
	$(IQL) reproduce $(GRID_ARGS) --out $(RESULTS)
endif

# rewrite the short-run goldens golden/ci/*.txt: a reviewed change, never run by CI
golden: build
	$(IQL) golden

clean:
	rm -rf $(BUILD)
