#!/usr/bin/env python3
"""Write a random INPUTS.h5 in the layout sac_reference.py reads (the C++ side's layout).

Lets the SAC reference be exercised without the C++ learner:
    make_sac_inputs.py INPUTS.h5 [--obs 11 --act 3 --hidden 256 --updates 50 --batch 256]

Networks follow rlkit's init as sac.md states it: hidden weights U(-1/sqrt(n), 1/sqrt(n)) with n the
layer's OUTPUT size (rlkit's fanin_init reads weight.size(0)), hidden biases 0.1; last layers
U(-3e-3, 3e-3) for Q and U(-1e-3, 1e-3) for both policy heads (weights and biases); target nets are
copies of the online nets; log_alpha 0. Hyperparameters are rlkit's defaults. Dense weights are stored
as (in, out) and biases as (1, out); batches and noise as (U*B, .).
"""

import math
import os
import sys

import h5py
import numpy as np

# make_inputs_common sits beside this script; name its folder even where Python leaves the script's
# own folder off sys.path (python3 -I, -P or PYTHONSAFEPATH).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_inputs_common import (generator_parser, random_transitions, write_attrs, write_group,
                                write_layers)


def dense_layers(rng, sizes, last_bound):
    """rlkit-style (w as (in, out), b as (1, out)) for every layer of an MLP with these sizes."""
    layers = []
    for k, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        if k < len(sizes) - 2:
            bound = 1.0 / math.sqrt(n_out)
            w = rng.uniform(-bound, bound, (n_in, n_out))
            b = np.full((1, n_out), 0.1)
        else:
            w = rng.uniform(-last_bound, last_bound, (n_in, n_out))
            b = rng.uniform(-last_bound, last_bound, (1, n_out))
        layers.append((w.astype(np.float32), b.astype(np.float32)))
    return layers


def main():
    a = generator_parser(__doc__).parse_args()

    rng = np.random.default_rng(a.seed)
    S, A, H, L, U, B = a.obs, a.act, a.hidden, a.hidden_layers, a.updates, a.batch
    N = U * B

    # The policy trunk is an MLP without its own output layer; its two heads are drawn separately.
    trunk = dense_layers(rng, [S] + [H] * L + [1], 1e-3)[:-1]
    heads = dense_layers(rng, [H, A], 1e-3) + dense_layers(rng, [H, A], 1e-3)
    q1 = dense_layers(rng, [S + A] + [H] * L + [1], 3e-3)
    q2 = dense_layers(rng, [S + A] + [H] * L + [1], 3e-3)

    obs, act, rew, term, next_obs = random_transitions(rng, (N,), S, A)
    noise_current = rng.standard_normal((N, A)).astype(np.float32)
    noise_next = rng.standard_normal((N, A)).astype(np.float32)

    with h5py.File(a.output, "w") as f:
        ints = dict(obs_dim=S, act_dim=A, hidden_dim=H, hidden_layers=L, updates=U, batch_size=B)
        floats = dict(discount=0.99, target_update_rate=0.005, policy_lr=3e-4, q_lr=3e-4,
                      alpha_lr=3e-4, adam_beta1=0.9, adam_beta2=0.999, adam_eps=1e-8,
                      target_entropy=-float(A), reward_scale=1.0, log_std_min=-20.0,
                      log_std_max=2.0)
        write_attrs(f, ints, floats)

        params = f.create_group("params")
        write_layers(params, [f"policy/fc{i}" for i in range(L)], trunk)
        write_layers(params, ["policy/last_fc", "policy/last_fc_log_std"], heads)
        q_names = [str(i) for i in range(L + 1)]
        for root, layers in (("q1", q1), ("q2", q2), ("target_q1", q1), ("target_q2", q2)):
            write_layers(params, [f"{root}/{n}" for n in q_names], layers)
        params.create_dataset("log_alpha", data=np.zeros((1, 1), np.float32))

        write_group(f, "batches", (
            ("observations", obs), ("actions", act), ("rewards", rew),
            ("terminals", term), ("next_observations", next_obs)))
        write_group(f, "noise", (("current", noise_current), ("next", noise_next)))


if __name__ == "__main__":
    main()
