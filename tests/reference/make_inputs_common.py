"""What the input generators make_inputs.py and make_sac_inputs.py share: options, data, h5 writing.

They write a random INPUTS.h5 in the C++ side's layout, so a reference runs without the C++ learner.
Kept apart from reference_io.py on purpose: importing that pins OpenBLAS to one thread, and the bits
of make_inputs.py's orthogonal init (a QR through OpenBLAS) depend on OpenBLAS's thread count, which
unpinned is the machine's core count. Pinning would make them machine-independent, but would change
the files the generator has always written on a multi-core machine.
"""

import argparse

import numpy as np


def generator_parser(doc):
    """The options both generators take; a generator adds its own before parse_args."""
    p = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    p.add_argument("output")
    p.add_argument("--obs", type=int, default=11)
    p.add_argument("--act", type=int, default=3)
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--hidden-layers", type=int, default=2)
    p.add_argument("--updates", type=int, default=50)
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--seed", type=int, default=0)
    return p


def random_transitions(rng, lead, obs_dim, act_dim, terminal_rate=0.05):
    """float32 (obs, act, rew, terminal, next_obs), each of shape lead + (width,).

    A smooth reward of (s, a) so the critics have something learnable; terminal is 1.0 with
    probability terminal_rate. The draws are in a fixed order, so a seed gives the same data
    whichever layout (lead) a generator asks for.
    """
    obs = rng.standard_normal(lead + (obs_dim,)).astype(np.float32)
    act = rng.uniform(-1 + 1e-5, 1 - 1e-5, lead + (act_dim,)).astype(np.float32)
    rew = (np.tanh(obs[..., :1]) + 0.5 * act[..., :1]
           + 0.1 * rng.standard_normal(lead + (1,))).astype(np.float32)
    terminal = (rng.uniform(size=lead + (1,)) < terminal_rate).astype(np.float32)
    next_obs = (obs + 0.1 * rng.standard_normal(lead + (obs_dim,))).astype(np.float32)
    return obs, act, rew, terminal, next_obs


def write_attrs(f, ints, floats):
    # Explicit widths, so the C++ reader sees int64 and double whatever numpy would pick.
    for k, v in ints.items():
        f.attrs[k] = np.int64(v)
    for k, v in floats.items():
        f.attrs[k] = np.float64(v)


def write_layers(group, names, layers):
    """Layer `name` of `names` as datasets name/w (in, out) and name/b (1, out), float32."""
    for name, (w, b) in zip(names, layers):
        group.create_dataset(f"{name}/w", data=w.astype(np.float32))
        group.create_dataset(f"{name}/b", data=b.astype(np.float32))


def write_group(f, group_name, columns):
    """One float32 dataset per (name, array) of `columns` under a new group `group_name`."""
    g = f.create_group(group_name)
    for name, array in columns:
        g.create_dataset(name, data=np.asarray(array, dtype=np.float32))
