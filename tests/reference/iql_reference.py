#!/usr/bin/env python3
"""Independent PyTorch reference of the IQL update, for parity with the C++ learner.

Written from shared/spec/iql.md (the official IQL semantics) and the INPUTS.h5 layout
alone, without reading the C++ code: the point is that the two implementations agree
because both follow the spec, not because one was copied from the other.

    iql_reference.py INPUTS.h5 OUTPUT.h5   run the stored updates, write params + losses
    iql_reference.py --serve INPUTS.h5     per stdin line N: run N updates, print `torch_block_ms <ms>`

Everything is float32 and single-threaded, so the timing compares with a one-thread C++ update.
"""

import math
import os
import sys
from dataclasses import dataclass

# reference_io sits beside this script; name its folder even where Python leaves the script's own
# folder off sys.path (python3 -I, -P or PYTHONSAFEPATH).
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# Before numpy, h5py and torch: importing reference_io limits OpenBLAS/OMP and torch to one thread,
# which only takes effect before those libraries load.
import reference_io
from reference_io import adam, optimizer_step

import h5py
import numpy as np
import torch
from torch import nn


# ----------------------------------------------------------------------------------------------
# Config: the root attributes of INPUTS.h5
# ----------------------------------------------------------------------------------------------

@dataclass
class Config:
    obs_dim: int
    act_dim: int
    hidden_dim: int
    hidden_layers: int
    updates: int
    batch_size: int
    discount: float
    expectile: float
    temperature: float
    max_exp_advantage: float
    target_update_rate: float
    actor_lr: float
    critic_lr: float
    value_lr: float
    adam_beta1: float
    adam_beta2: float
    adam_eps: float
    max_steps: int
    cosine_actor_schedule: bool
    log_std_min: float
    log_std_max: float


# ----------------------------------------------------------------------------------------------
# Networks
# ----------------------------------------------------------------------------------------------

class MLP(nn.Module):
    """Linear -> ReLU for every hidden layer, then a final Linear with no activation."""

    def __init__(self, in_dim, hidden_dim, hidden_layers, out_dim):
        super().__init__()
        sizes = [in_dim] + [hidden_dim] * hidden_layers + [out_dim]
        # A ModuleList (not Sequential with interleaved ReLUs) keeps the Linear indices
        # 0..L, the same numbering as the h5 names params/<net>/<i>/{w,b}.
        self.layers = nn.ModuleList(nn.Linear(i, o) for i, o in zip(sizes[:-1], sizes[1:]))

    def forward(self, x):
        for layer in self.layers[:-1]:
            x = torch.relu(layer(x))
        return self.layers[-1](x)


class Critic(nn.Module):
    """Two independent Q heads on concat(obs, action)."""

    def __init__(self, cfg: Config):
        super().__init__()
        in_dim = cfg.obs_dim + cfg.act_dim
        self.q1 = MLP(in_dim, cfg.hidden_dim, cfg.hidden_layers, 1)
        self.q2 = MLP(in_dim, cfg.hidden_dim, cfg.hidden_layers, 1)

    def forward(self, obs, act):
        x = torch.cat([obs, act], dim=-1)
        return self.q1(x).squeeze(-1), self.q2(x).squeeze(-1)


class Value(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.net = MLP(cfg.obs_dim, cfg.hidden_dim, cfg.hidden_layers, 1)

    def forward(self, obs):
        return self.net(obs).squeeze(-1)


class Policy(nn.Module):
    """Gaussian policy: tanh-squashed mean, free state-independent log_std.

    Only the mean is squashed; the distribution itself is a plain diagonal Normal, so
    log pi has no tanh Jacobian term (official IQL).
    """

    def __init__(self, cfg: Config):
        super().__init__()
        self.net = MLP(cfg.obs_dim, cfg.hidden_dim, cfg.hidden_layers, cfg.act_dim)
        self.log_std = nn.Parameter(torch.zeros(cfg.act_dim))
        self.log_std_min = cfg.log_std_min
        self.log_std_max = cfg.log_std_max

    def log_prob(self, obs, act):
        mean = torch.tanh(self.net(obs))
        log_std = torch.clamp(self.log_std, self.log_std_min, self.log_std_max)
        dist = torch.distributions.Normal(mean, torch.exp(log_std), validate_args=False)
        return dist.log_prob(act).sum(-1)


# ----------------------------------------------------------------------------------------------
# Learner state: the four networks and one Adam per trained network
# ----------------------------------------------------------------------------------------------

class Learner:
    def __init__(self, cfg: Config):
        self.cfg = cfg
        self.actor = Policy(cfg)
        self.critic = Critic(cfg)
        self.target = Critic(cfg)
        self.value = Value(cfg)
        self.target.requires_grad_(False)  # only ever moved by the EMA
        self.value_opt = adam(self.value.parameters(), cfg.value_lr, cfg)
        self.actor_opt = adam(self.actor.parameters(), cfg.actor_lr, cfg)
        self.critic_opt = adam(self.critic.parameters(), cfg.critic_lr, cfg)
        self.step = 0  # updates done so far; drives the cosine actor schedule

    def actor_lr(self):
        cfg = self.cfg
        if not cfg.cosine_actor_schedule:
            return cfg.actor_lr
        return cfg.actor_lr * 0.5 * (1.0 + math.cos(math.pi * self.step / cfg.max_steps))


# ----------------------------------------------------------------------------------------------
# One IQL update: value, actor, critic, target EMA -- in exactly this order
# ----------------------------------------------------------------------------------------------

def expectile_loss(diff, expectile):
    # |tau - 1(d<0)| * d^2: weight tau above the value, (1 - tau) below it.
    weight = torch.abs(expectile - (diff < 0).to(diff.dtype))
    return torch.mean(weight * diff ** 2)


def value_step(L: Learner, obs, q):
    """1. Fit V(s) to an upper expectile of the (frozen) target-critic min(Q1, Q2)."""
    loss = expectile_loss(q - L.value(obs), L.cfg.expectile)
    optimizer_step(L.value_opt, loss)
    return loss.item()


def actor_step(L: Learner, obs, act, q):
    """2. Advantage-weighted regression, advantages from the JUST-UPDATED V."""
    cfg = L.cfg
    with torch.no_grad():
        v = L.value(obs)
        weight = torch.clamp(torch.exp(cfg.temperature * (q - v)), max=cfg.max_exp_advantage)
    loss = -torch.mean(weight * L.actor.log_prob(obs, act))
    # The lr is set per update (cosine over max_steps, t = updates done before this one).
    for group in L.actor_opt.param_groups:
        group["lr"] = L.actor_lr()
    optimizer_step(L.actor_opt, loss)
    return loss.item()


def critic_step(L: Learner, obs, act, rew, mask, next_obs):
    """3. Regress both Q heads onto r + gamma * mask * V(s'), again with the just-updated V."""
    with torch.no_grad():
        next_v = L.value(next_obs)
        target = rew + (L.cfg.discount * mask) * next_v
    q1, q2 = L.critic(obs, act)
    # Mean over the batch of the SUM of the two heads' squared errors.
    loss = torch.mean((q1 - target) ** 2 + (q2 - target) ** 2)
    optimizer_step(L.critic_opt, loss)
    return loss.item()


@torch.no_grad()
def target_step(L: Learner):
    """4. Polyak-average the target critic towards the freshly stepped critic."""
    rate = L.cfg.target_update_rate
    for online, targ in zip(L.critic.parameters(), L.target.parameters()):
        # Written out as two products and a sum (no fused lerp/alpha-add) so every
        # rounding step is the plain one: critic * rate + target * (1 - rate).
        targ.copy_(online * rate + targ * (1.0 - rate))


def update(L: Learner, batch):
    obs, act, rew, mask, next_obs = batch
    # q is computed once, before any step: steps 1 and 2 both use the unchanged target critic.
    with torch.no_grad():
        q = torch.minimum(*L.target(obs, act))
    value_loss = value_step(L, obs, q)
    actor_loss = actor_step(L, obs, act, q)
    critic_loss = critic_step(L, obs, act, rew, mask, next_obs)
    target_step(L)
    L.step += 1
    return value_loss, actor_loss, critic_loss


# ----------------------------------------------------------------------------------------------
# Parameter naming: every tensor of the learner under its h5 path
# ----------------------------------------------------------------------------------------------

def _mlp_entries(prefix, mlp: MLP):
    for i, layer in enumerate(mlp.layers):
        yield f"{prefix}/{i}/w", layer.weight, "w"
        yield f"{prefix}/{i}/b", layer.bias, "row"


def named_tensors(L: Learner):
    """(h5 path, torch tensor, storage kind) for every stored tensor.

    kind "w":   h5 holds (in, out), torch's nn.Linear.weight is (out, in) -> transpose.
    kind "row": h5 holds (1, n), torch holds (n,) -> reshape.
    """
    yield from _mlp_entries("actor", L.actor.net)
    yield "actor/log_std", L.actor.log_std, "row"
    for name, net in (("critic", L.critic), ("target", L.target)):
        yield from _mlp_entries(f"{name}/q1", net.q1)
        yield from _mlp_entries(f"{name}/q2", net.q2)
    yield from _mlp_entries("value", L.value.net)


# ----------------------------------------------------------------------------------------------
# I/O
# ----------------------------------------------------------------------------------------------

def load_inputs(path):
    """Build a Learner from INPUTS.h5 and return it with the stored batches (U tuples)."""
    with h5py.File(path, "r") as f:
        cfg = reference_io.read_config(Config, f.attrs)
        L = Learner(cfg)
        reference_io.load_params(named_tensors(L), f["params"])
        g = f["batches"]
        keys = ("observations", "actions", "rewards", "masks", "next_observations")
        arrays = [torch.from_numpy(np.asarray(g[k][()], dtype=np.float32)) for k in keys]
    # the C++ writer stores each column as 2-D (U*B, C): rows of update u are u*B .. u*B+B-1
    arrays = [a.reshape(cfg.updates, cfg.batch_size, -1) if a.dim() == 2 else a for a in arrays]
    # rewards/masks are (U, B, 1); the networks' outputs are squeezed to (B,), so match them.
    obs, act, rew, mask, next_obs = arrays
    rew, mask = rew.squeeze(-1), mask.squeeze(-1)
    batches = [(obs[u], act[u], rew[u], mask[u], next_obs[u]) for u in range(obs.shape[0])]
    if len(batches) != cfg.updates:
        raise ValueError(f"batches hold {len(batches)} updates, attribute updates={cfg.updates}")
    return L, batches


def write_outputs(path, L: Learner, losses):
    # [value_loss, actor_loss, critic_loss] per update
    reference_io.write_outputs(path, named_tensors(L), losses, loss_columns=3)


def main(argv=None):
    return reference_io.main(__doc__, load_inputs, update, write_outputs, argv)


if __name__ == "__main__":
    sys.exit(main())
