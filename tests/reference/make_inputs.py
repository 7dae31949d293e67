#!/usr/bin/env python3
"""Write a random INPUTS.h5 in the layout iql_reference.py reads (the C++ side's layout).

Lets the reference be exercised without the C++ learner:
    make_inputs.py INPUTS.h5 [--obs 11 --act 3 --hidden 256 --updates 50 --batch 256]

Networks follow the spec's init (orthogonal, gain sqrt(2), zero bias, log_std 0, target =
critic copy); hyperparameters are the official locomotion ones. Dense weights are stored as
(in, out) and biases as (1, out).
"""

import math
import os
import sys

import h5py
import numpy as np
import torch

# make_inputs_common sits beside this script; name its folder even where Python leaves the script's
# own folder off sys.path (python3 -I, -P or PYTHONSAFEPATH).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_inputs_common import (generator_parser, random_transitions, write_attrs, write_group,
                                write_layers)


def dense_layers(sizes):
    """Orthogonal (gain sqrt 2) weights as (in, out), zero biases as (1, out)."""
    layers = []
    for n_in, n_out in zip(sizes[:-1], sizes[1:]):
        w = torch.empty(n_out, n_in)  # torch's (out, in), transposed when stored
        torch.nn.init.orthogonal_(w, gain=math.sqrt(2.0))
        layers.append((w.T.contiguous().numpy(), np.zeros((1, n_out), np.float32)))
    return layers


def write_mlp(group, prefix, layers):
    write_layers(group, [f"{prefix}/{i}" for i in range(len(layers))], layers)


def main():
    p = generator_parser(__doc__)
    p.add_argument("--max-steps", type=int, default=1_000_000)
    a = p.parse_args()

    torch.manual_seed(a.seed)  # orthogonal_ draws from the global generator in torch 1.13
    rng = np.random.default_rng(a.seed)
    S, A, H, L, U, B = a.obs, a.act, a.hidden, a.hidden_layers, a.updates, a.batch

    actor = dense_layers([S] + [H] * L + [A])
    q1 = dense_layers([S + A] + [H] * L + [1])
    q2 = dense_layers([S + A] + [H] * L + [1])
    value = dense_layers([S] + [H] * L + [1])

    obs, act, rew, terminal, next_obs = random_transitions(rng, (U, B), S, A)
    mask = 1.0 - terminal  # IQL's batches hold the mask "not terminal", ~95% ones

    with h5py.File(a.output, "w") as f:
        ints = dict(obs_dim=S, act_dim=A, hidden_dim=H, hidden_layers=L, updates=U,
                    batch_size=B, max_steps=a.max_steps, cosine_actor_schedule=1)
        floats = dict(discount=0.99, expectile=0.7, temperature=3.0, max_exp_advantage=100.0,
                      target_update_rate=0.005, actor_lr=3e-4, critic_lr=3e-4, value_lr=3e-4,
                      adam_beta1=0.9, adam_beta2=0.999, adam_eps=1e-8,
                      log_std_min=-5.0, log_std_max=2.0)
        write_attrs(f, ints, floats)

        params = f.create_group("params")
        write_mlp(params, "actor", actor)
        params.create_dataset("actor/log_std", data=np.zeros((1, A), np.float32))
        for root in ("critic", "target"):  # target starts as an exact copy of the critic
            write_mlp(params, f"{root}/q1", q1)
            write_mlp(params, f"{root}/q2", q2)
        write_mlp(params, "value", value)

        write_group(f, "batches", (
            ("observations", obs), ("actions", act), ("rewards", rew),
            ("masks", mask), ("next_observations", next_obs)))


if __name__ == "__main__":
    main()
