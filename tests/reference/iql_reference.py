#!/usr/bin/env python3
"""Independent PyTorch reference of the IQL update, for parity with the C++ learner.

Written from shared/spec/iql.md (the official IQL semantics) and the INPUTS.h5 layout
alone, without reading the C++ code: the point is that the two implementations agree
because both follow the spec, not because one was copied from the other.

    iql_reference.py INPUTS.h5 OUTPUT.h5   run the stored updates, write params + losses
    iql_reference.py --serve INPUTS.h5     per stdin line N: run N updates, print `torch_block_ms <ms>`

Everything is float32 and single-threaded, so the timing compares with a one-thread C++ update.
"""

import argparse
import itertools
import math
import os
import sys
import time
from dataclasses import dataclass

# Debian's torch runs its matrix products through OpenBLAS, which starts a thread per core unless
# told otherwise at load time; torch.set_num_threads below does not reach it. Without this the
# "one-thread" reference timed here used 1.7 cores.
os.environ["OPENBLAS_NUM_THREADS"] = "1"
os.environ["OMP_NUM_THREADS"] = "1"

import h5py
import numpy as np
import torch
from torch import nn

# One intra-op and one inter-op thread: must be set before torch runs any parallel work.
torch.set_num_threads(1)
torch.set_num_interop_threads(1)
torch.set_default_dtype(torch.float32)


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


def _scalar(attrs, name):
    # HDF5 writers differ: a scalar may come back as a numpy scalar or a 1-element array.
    return np.asarray(attrs[name]).reshape(-1)[0]


def read_config(attrs) -> Config:
    fields = Config.__dataclass_fields__
    values = {}
    for name, field in fields.items():
        v = _scalar(attrs, name)
        values[name] = bool(int(v)) if field.type is bool else field.type(v)
    return Config(**values)


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

def adam(params, lr, cfg: Config):
    # foreach=False selects the single-tensor Adam: plain per-tensor arithmetic order.
    return torch.optim.Adam(params, lr=lr, betas=(cfg.adam_beta1, cfg.adam_beta2),
                            eps=cfg.adam_eps, foreach=False)


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

def optimizer_step(opt, loss):
    opt.zero_grad(set_to_none=True)
    loss.backward()
    opt.step()


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


def _h5_to_torch(array, kind):
    array = np.asarray(array, dtype=np.float32)
    if kind == "w":
        array = array.T
    else:
        array = array.reshape(-1)
    return torch.from_numpy(np.ascontiguousarray(array))


def _torch_to_h5(tensor, kind):
    array = tensor.detach().cpu().numpy().astype(np.float32)
    return np.ascontiguousarray(array.T if kind == "w" else array.reshape(1, -1))


def _dataset_paths(group):
    paths = []
    group.visit(lambda name: paths.append(name) if isinstance(group[name], h5py.Dataset) else None)
    return set(paths)


# ----------------------------------------------------------------------------------------------
# I/O
# ----------------------------------------------------------------------------------------------

def load_inputs(path):
    """Build a Learner from INPUTS.h5 and return it with the stored batches (U tuples)."""
    with h5py.File(path, "r") as f:
        cfg = read_config(f.attrs)
        L = Learner(cfg)
        params = f["params"]
        # Strict: every stored tensor must be consumed with the expected shape, so a layout
        # mismatch between the C++ writer and this reader fails loudly instead of silently.
        expected = set()
        with torch.no_grad():
            for name, tensor, kind in named_tensors(L):
                expected.add(name)
                value = _h5_to_torch(params[name][()], kind)
                if value.shape != tensor.shape:
                    raise ValueError(f"params/{name}: shape {tuple(params[name].shape)} "
                                     f"does not fit torch shape {tuple(tensor.shape)} ({kind})")
                tensor.copy_(value)
        extra = _dataset_paths(params) - expected
        if extra:
            raise ValueError(f"unexpected tensors in params: {sorted(extra)}")

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
    with h5py.File(path, "w") as f:
        params = f.create_group("params")
        for name, tensor, kind in named_tensors(L):
            params.create_dataset(name, data=_torch_to_h5(tensor, kind))
        f.create_dataset("losses", data=np.asarray(losses, dtype=np.float64).reshape(-1, 3))
        f.attrs["torch_version"] = str(torch.__version__)  # TorchVersion is a str subclass h5py rejects
        f.attrs["updates"] = len(losses)


def run_parity(inputs, output):
    L, batches = load_inputs(inputs)
    losses = [update(L, batch) for batch in batches]
    write_outputs(output, L, losses)


def serve(inputs, warmup=5):
    """Timing for bench_iql, which interleaves these blocks with its own C++ updates.

    After a warm-up, each line N on stdin runs the next N updates (cycling through the stored
    batches; the actor-lr step counter keeps counting) and answers `torch_block_ms <total ms>`.
    EOF ends it.
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


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--serve", action="store_true",
                   help="time blocks of updates asked for on stdin instead of writing OUTPUT")
    p.add_argument("inputs")
    p.add_argument("output", nargs="?")
    args = p.parse_args(argv)
    if args.serve:
        serve(args.inputs)
    elif args.output is None:
        p.error("OUTPUT.h5 is required unless --serve is given")
    else:
        run_parity(args.inputs, args.output)


if __name__ == "__main__":
    sys.exit(main())
