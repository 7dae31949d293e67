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

import argparse
import math

import h5py
import numpy as np


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


def write_layers(group, names, layers):
    for name, (w, b) in zip(names, layers):
        group.create_dataset(f"{name}/w", data=w)
        group.create_dataset(f"{name}/b", data=b)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("output")
    p.add_argument("--obs", type=int, default=11)
    p.add_argument("--act", type=int, default=3)
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--hidden-layers", type=int, default=2)
    p.add_argument("--updates", type=int, default=50)
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()

    rng = np.random.default_rng(a.seed)
    S, A, H, L, U, B = a.obs, a.act, a.hidden, a.hidden_layers, a.updates, a.batch
    N = U * B

    # The policy trunk is an MLP without its own output layer; its two heads are drawn separately.
    trunk = dense_layers(rng, [S] + [H] * L + [1], 1e-3)[:-1]
    heads = dense_layers(rng, [H, A], 1e-3) + dense_layers(rng, [H, A], 1e-3)
    q1 = dense_layers(rng, [S + A] + [H] * L + [1], 3e-3)
    q2 = dense_layers(rng, [S + A] + [H] * L + [1], 3e-3)

    # A smooth reward of (s, a) so the critics have something learnable; ~5% terminals.
    obs = rng.standard_normal((N, S)).astype(np.float32)
    act = rng.uniform(-1 + 1e-5, 1 - 1e-5, (N, A)).astype(np.float32)
    rew = (np.tanh(obs[:, :1]) + 0.5 * act[:, :1] + 0.1 * rng.standard_normal((N, 1)))
    term = (rng.uniform(size=(N, 1)) < 0.05).astype(np.float32)
    next_obs = (obs + 0.1 * rng.standard_normal((N, S))).astype(np.float32)
    noise_current = rng.standard_normal((N, A)).astype(np.float32)
    noise_next = rng.standard_normal((N, A)).astype(np.float32)

    with h5py.File(a.output, "w") as f:
        ints = dict(obs_dim=S, act_dim=A, hidden_dim=H, hidden_layers=L, updates=U, batch_size=B)
        floats = dict(discount=0.99, target_update_rate=0.005, policy_lr=3e-4, q_lr=3e-4,
                      alpha_lr=3e-4, adam_beta1=0.9, adam_beta2=0.999, adam_eps=1e-8,
                      target_entropy=-float(A), reward_scale=1.0, log_std_min=-20.0,
                      log_std_max=2.0)
        for k, v in ints.items():
            f.attrs[k] = np.int64(v)
        for k, v in floats.items():
            f.attrs[k] = np.float64(v)

        params = f.create_group("params")
        write_layers(params, [f"policy/fc{i}" for i in range(L)], trunk)
        write_layers(params, ["policy/last_fc", "policy/last_fc_log_std"], heads)
        q_names = [str(i) for i in range(L + 1)]
        for root, layers in (("q1", q1), ("q2", q2), ("target_q1", q1), ("target_q2", q2)):
            write_layers(params, [f"{root}/{n}" for n in q_names], layers)
        params.create_dataset("log_alpha", data=np.zeros((1, 1), np.float32))

        g = f.create_group("batches")
        for k, v in (("observations", obs), ("actions", act), ("rewards", rew),
                     ("terminals", term), ("next_observations", next_obs)):
            g.create_dataset(k, data=np.asarray(v, dtype=np.float32))
        n = f.create_group("noise")
        n.create_dataset("current", data=noise_current)
        n.create_dataset("next", data=noise_next)


if __name__ == "__main__":
    main()
