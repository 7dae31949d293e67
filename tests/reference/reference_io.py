"""What the two PyTorch references share: one-thread setup, h5 I/O, the command line.

iql_reference.py and sac_reference.py each implement one algorithm from its spec; this module holds
only the plumbing around them (one-thread setup, reading INPUTS.h5, writing OUTPUT.h5, parity and
`--serve` driving, Adam construction), so the algorithms themselves stay separate and independent.
The input generators share make_inputs_common.py instead: they must not pin threads (see there).

Import it before numpy, h5py or torch: it pins OpenBLAS/OMP to one thread (OpenBLAS to
IQL_REFERENCE_THREADS when set), which only works before those libraries load.
"""

import argparse
import itertools
import os
import sys
import time

# Debian's torch runs its matrix products through OpenBLAS, which starts a thread per core unless
# told otherwise at load time; torch.set_num_threads below does not reach it. Without this the
# "one-thread" reference timed by bench_iql used 1.7 cores.
if "numpy" in sys.modules or "torch" in sys.modules:
    # Too late: numpy and torch load the same OpenBLAS, whose threads would then already be running
    # and silently used by the timing.
    raise ImportError("import reference_io before numpy, h5py and torch")
# IQL_REFERENCE_THREADS: bench_threads times the reference's products on 2 OpenBLAS threads as well (a
# speed figure only: torch's bits then depend on the thread count); parity and every other use stay on
# one. torch's own ops stay on one thread: with both on 2, their spinning threads oversubscribe two
# cores (a 256-256 MLP step here: 1.9 ms on one thread, 1.9 with OpenBLAS on 2, 2.0 with torch's ops
# on 2, 5.2 with both).
BLAS_THREADS = os.environ.get("IQL_REFERENCE_THREADS", "1")
if not BLAS_THREADS.isdigit() or int(BLAS_THREADS) < 1:
    raise ValueError(f"IQL_REFERENCE_THREADS={BLAS_THREADS!r} is not a thread count (1, 2, ...)")
os.environ["OPENBLAS_NUM_THREADS"] = BLAS_THREADS
os.environ["OMP_NUM_THREADS"] = "1"

import h5py
import numpy as np
import torch

# One intra-op and one inter-op thread: must be set before torch runs any parallel work, and only
# once per process (a second set_num_interop_threads aborts it in torch 1.13), hence here at import.
torch.set_num_threads(1)
torch.set_num_interop_threads(1)
torch.set_default_dtype(torch.float32)


# ----------------------------------------------------------------------------------------------
# Config: the root attributes of INPUTS.h5
# ----------------------------------------------------------------------------------------------

def _scalar(attrs, name):
    # HDF5 writers differ: a scalar may come back as a numpy scalar or a 1-element array.
    return np.asarray(attrs[name]).reshape(-1)[0]


def read_config(config_class, attrs):
    """An instance of the dataclass `config_class`: one root attribute per field, cast to its type
    (a bool field is stored as an integer 0/1)."""
    values = {}
    for name, field in config_class.__dataclass_fields__.items():
        v = _scalar(attrs, name)
        values[name] = bool(int(v)) if field.type is bool else field.type(v)
    return config_class(**values)


# ----------------------------------------------------------------------------------------------
# Optimisation
# ----------------------------------------------------------------------------------------------

def adam(params, lr, cfg):
    # foreach=False selects the single-tensor Adam: plain per-tensor arithmetic order.
    return torch.optim.Adam(params, lr=lr, betas=(cfg.adam_beta1, cfg.adam_beta2),
                            eps=cfg.adam_eps, foreach=False)


def optimizer_step(opt, loss):
    """Zero, backward, step: one loss into its own optimizer's parameters.

    Zeroing right before the backward (not once per update) keeps whatever an earlier backward left
    in these parameters' .grad out of this step: in SAC the policy loss's backward also accumulates
    into Q1/Q2 through Q(s, a_new), and rlkit's Q steps do not see that gradient.
    """
    opt.zero_grad(set_to_none=True)
    loss.backward()
    opt.step()


# ----------------------------------------------------------------------------------------------
# Tensors <-> h5 datasets
# ----------------------------------------------------------------------------------------------
# Each reference's named_tensors(L) yields (h5 path, torch tensor, storage kind):
#   kind "w":   h5 holds (in, out), torch's nn.Linear.weight is (out, in) -> transpose.
#   kind "row": h5 holds (1, n), torch holds (n,) -> reshape.

def h5_to_torch(array, kind):
    array = np.asarray(array, dtype=np.float32)
    array = array.T if kind == "w" else array.reshape(-1)
    return torch.from_numpy(np.ascontiguousarray(array))


def torch_to_h5(tensor, kind):
    array = tensor.detach().cpu().numpy().astype(np.float32)
    return np.ascontiguousarray(array.T if kind == "w" else array.reshape(1, -1))


def dataset_paths(group):
    """The paths of every dataset below `group`, relative to it, as a set."""
    paths = []
    group.visit(lambda name: paths.append(name) if isinstance(group[name], h5py.Dataset) else None)
    return set(paths)


def load_params(named_tensors, params):
    """Copy the h5 group `params` into the tensors of named_tensors (an iterable of triples)."""
    # Strict: every stored tensor must be consumed with the expected shape, so a layout mismatch
    # between the C++ writer and this reader fails loudly instead of silently.
    expected = set()
    with torch.no_grad():
        for name, tensor, kind in named_tensors:
            expected.add(name)
            if name not in params:
                raise ValueError(f"params/{name} is missing")
            stored = params[name]
            if stored.ndim != 2:
                raise ValueError(f"params/{name}: expected 2-D, got shape {stored.shape}")
            value = h5_to_torch(stored[()], kind)
            if value.shape != tensor.shape:
                raise ValueError(f"params/{name}: shape {tuple(stored.shape)} "
                                 f"does not fit torch shape {tuple(tensor.shape)} ({kind})")
            tensor.copy_(value)
    extra = dataset_paths(params) - expected
    if extra:
        raise ValueError(f"unexpected tensors in params: {sorted(extra)}")


def write_outputs(path, named_tensors, losses, loss_columns):
    """OUTPUT.h5: group `params` as INPUTS.h5 lays it out, `losses` (U, loss_columns) float64."""
    with h5py.File(path, "w") as f:
        params = f.create_group("params")
        for name, tensor, kind in named_tensors:
            params.create_dataset(name, data=torch_to_h5(tensor, kind))
        f.create_dataset("losses",
                         data=np.asarray(losses, dtype=np.float64).reshape(-1, loss_columns))
        f.attrs["torch_version"] = str(torch.__version__)  # TorchVersion is a str subclass h5py rejects
        f.attrs["updates"] = len(losses)


# ----------------------------------------------------------------------------------------------
# Driving a reference: parity run, --serve, the command line
# ----------------------------------------------------------------------------------------------
# A reference hands in three functions: load_inputs(path) -> (learner, batches),
# update(learner, batch) -> tuple of losses, write_outputs(path, learner, losses).

def run_parity(inputs, output, load_inputs, update, write_outputs):
    L, batches = load_inputs(inputs)
    losses = [update(L, batch) for batch in batches]
    write_outputs(output, L, losses)


def serve(inputs, load_inputs, update, warmup=5):
    """Timing for bench_iql and bench_sac, which interleave these blocks with their own updates.

    After a warm-up, each line N on stdin runs the next N updates (cycling through the stored
    batches, SAC's noise included; whatever state the learner carries, such as IQL's actor-lr step
    counter, keeps counting) and answers `torch_block_ms <total ms>`. EOF ends it.
    """
    L, batches = load_inputs(inputs)
    stream = itertools.cycle(batches)
    for _ in range(warmup):
        update(L, next(stream))
    for line in sys.stdin:
        start = time.perf_counter()
        for _ in range(int(line)):
            update(L, next(stream))
        print(f"torch_block_ms {1000.0 * (time.perf_counter() - start):.4f}", flush=True)


def main(doc, load_inputs, update, write_outputs, argv=None):
    """The command line: `INPUTS.h5 OUTPUT.h5` runs parity, `--serve INPUTS.h5` times blocks.

    doc is the calling script's __doc__, whose first paragraph describes it in --help.
    """
    p = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    p.add_argument("--serve", action="store_true",
                   help="time blocks of updates asked for on stdin instead of writing OUTPUT")
    p.add_argument("inputs")
    p.add_argument("output", nargs="?")
    args = p.parse_args(argv)
    if args.serve:
        serve(args.inputs, load_inputs, update)
    elif args.output is None:
        p.error("OUTPUT.h5 is required unless --serve is given")
    else:
        run_parity(args.inputs, args.output, load_inputs, update, write_outputs)
