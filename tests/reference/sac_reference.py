#!/usr/bin/env python3
"""Independent PyTorch reference of the SAC update (rlkit semantics), for parity with the C++ learner.

Written from shared/spec/sac.md ("One update") and the INPUTS.h5 layout alone, without reading the
C++ code: the point is that the two implementations agree because both follow the spec, not because
one was copied from the other. The Gaussian noise of both policy samples is read from INPUTS.h5, so
the update is a deterministic function of the stored parameters, batches and noise.

    sac_reference.py INPUTS.h5 OUTPUT.h5   run the stored updates, write params + losses
    sac_reference.py --serve INPUTS.h5     per stdin line N: run N updates, print `torch_block_ms <ms>`

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
import torch.nn.functional as F
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
    target_update_rate: float
    policy_lr: float
    q_lr: float
    alpha_lr: float
    adam_beta1: float
    adam_beta2: float
    adam_eps: float
    target_entropy: float
    reward_scale: float
    log_std_min: float
    log_std_max: float


# ----------------------------------------------------------------------------------------------
# Networks
# ----------------------------------------------------------------------------------------------

class QNet(nn.Module):
    """Q(s, a) = MLP(concat(s, a)) -> 1; ReLU after every layer but the last."""

    def __init__(self, cfg: Config):
        super().__init__()
        sizes = [cfg.obs_dim + cfg.act_dim] + [cfg.hidden_dim] * cfg.hidden_layers + [1]
        # ModuleList indices 0..L are the h5 names params/<net>/<i>/{w,b}.
        self.layers = nn.ModuleList(nn.Linear(i, o) for i, o in zip(sizes[:-1], sizes[1:]))

    def forward(self, obs, act):
        x = torch.cat([obs, act], dim=-1)
        for layer in self.layers[:-1]:
            x = torch.relu(layer(x))
        return self.layers[-1](x)  # (B, 1), the shape of rewards/terminals


class TanhGaussianPolicy(nn.Module):
    """rlkit's TanhGaussianPolicy: ReLU trunk fc0..fc{L-1}, heads last_fc (mean), last_fc_log_std."""

    def __init__(self, cfg: Config):
        super().__init__()
        sizes = [cfg.obs_dim] + [cfg.hidden_dim] * cfg.hidden_layers
        self.fcs = nn.ModuleList(nn.Linear(i, o) for i, o in zip(sizes[:-1], sizes[1:]))
        self.last_fc = nn.Linear(cfg.hidden_dim, cfg.act_dim)
        self.last_fc_log_std = nn.Linear(cfg.hidden_dim, cfg.act_dim)
        self.log_std_min = cfg.log_std_min
        self.log_std_max = cfg.log_std_max

    def sample(self, obs, eps):
        """Reparameterised sample with the given standard-normal eps: (a = tanh(u), log pi(a|s))."""
        h = obs
        for fc in self.fcs:
            h = torch.relu(fc(h))
        mean = self.last_fc(h)
        log_std = torch.clamp(self.last_fc_log_std(h), self.log_std_min, self.log_std_max)
        std = torch.exp(log_std)
        u = mean + std * eps
        return torch.tanh(u), tanh_gaussian_log_prob(mean, std, u)


def tanh_gaussian_log_prob(mean, std, u):
    """log pi of a = tanh(u), u ~ N(mean, std): per dim log N(u) - log(1 - tanh(u)^2), summed.

    The Jacobian term is written as 2 * (log 2 - u - softplus(-2u)), which equals log(1 - tanh(u)^2)
    but does not lose everything to rounding once |u| is large and tanh(u) rounds to +-1.
    Gradients flow through u as well as through mean/std (rlkit's rsample_and_logprob).
    """
    normal = torch.distributions.Normal(mean, std, validate_args=False).log_prob(u)
    log_det = 2.0 * (math.log(2.0) - u - F.softplus(-2.0 * u))
    return (normal - log_det).sum(-1, keepdim=True)  # (B, 1)


def self_check_log_prob(n=4096, act_dim=3, seed=0):
    """By hand: compare the formula with torch's TanhTransform distribution. Not used by the update.

        /usr/bin/python3 -c "import sac_reference as s; s.self_check_log_prob()"   (from this dir)
    """
    # float64: torch's route inverts tanh (atanh(tanh(u))), which in float32 is off by ~1e-3 at |u| = 4;
    # in double precision both routes agree to rounding, so a formula error would stand out.
    g = torch.Generator().manual_seed(seed)
    mean = torch.randn(n, act_dim, generator=g, dtype=torch.float64)
    std = torch.exp(torch.empty(n, act_dim, dtype=torch.float64).uniform_(-3.0, 1.0, generator=g))
    u = mean + std * torch.randn(n, act_dim, generator=g, dtype=torch.float64)
    u = u.clamp(-4.0, 4.0)  # keep tanh(u) off +-1, where inverting tanh loses u itself
    ours = tanh_gaussian_log_prob(mean, std, u).squeeze(-1)
    dist = torch.distributions.TransformedDistribution(
        torch.distributions.Normal(mean, std), [torch.distributions.TanhTransform()])
    theirs = dist.log_prob(torch.tanh(u)).sum(-1)
    err = (ours - theirs).abs().max().item()
    print(f"tanh-Gaussian log-prob: max |ours - torch TanhTransform| = {err:.3g} over {n} samples")
    assert err < 1e-9, err
    return err


# ----------------------------------------------------------------------------------------------
# Learner state: the five networks, log_alpha, and one Adam each for alpha, policy, Q1, Q2
# ----------------------------------------------------------------------------------------------

class Learner:
    def __init__(self, cfg: Config):
        self.cfg = cfg
        self.policy = TanhGaussianPolicy(cfg)
        self.q1, self.q2 = QNet(cfg), QNet(cfg)
        self.target_q1, self.target_q2 = QNet(cfg), QNet(cfg)
        self.target_q1.requires_grad_(False)  # only ever moved by the Polyak update
        self.target_q2.requires_grad_(False)
        self.log_alpha = nn.Parameter(torch.zeros(1))  # rlkit: ptu.zeros(1, requires_grad=True)
        self.alpha_opt = adam([self.log_alpha], cfg.alpha_lr, cfg)
        self.policy_opt = adam(self.policy.parameters(), cfg.policy_lr, cfg)
        self.q1_opt = adam(self.q1.parameters(), cfg.q_lr, cfg)
        self.q2_opt = adam(self.q2.parameters(), cfg.q_lr, cfg)


# ----------------------------------------------------------------------------------------------
# One SAC update: all four losses from the pre-update parameters, then the steps in rlkit's order
# ----------------------------------------------------------------------------------------------

def compute_losses(L: Learner, batch):
    obs, act, rew, term, next_obs, eps, next_eps = batch
    cfg = L.cfg
    a_new, log_pi = L.policy.sample(obs, eps)
    # alpha: the pre-step value, detached wherever it multiplies (it is only trained by alpha_loss).
    alpha = torch.exp(L.log_alpha).detach()
    alpha_loss = -torch.mean(L.log_alpha * (log_pi + cfg.target_entropy).detach())
    q_new = torch.minimum(L.q1(obs, a_new), L.q2(obs, a_new))
    policy_loss = torch.mean(alpha * log_pi - q_new)
    # The target is computed now, before the policy step, from the pre-update policy; no gradient.
    with torch.no_grad():
        next_a, next_log_pi = L.policy.sample(next_obs, next_eps)
        next_q = torch.minimum(L.target_q1(next_obs, next_a), L.target_q2(next_obs, next_a))
        y = cfg.reward_scale * rew + (1.0 - term) * cfg.discount * (next_q - alpha * next_log_pi)
    q1_loss = torch.mean((L.q1(obs, act) - y) ** 2)
    q2_loss = torch.mean((L.q2(obs, act) - y) ** 2)
    return q1_loss, q2_loss, policy_loss, alpha_loss, alpha


@torch.no_grad()
def polyak(online: nn.Module, target: nn.Module, tau):
    for p, t in zip(online.parameters(), target.parameters()):
        # Two products and a sum (no fused lerp/alpha-add): online * tau + target * (1 - tau).
        t.copy_(p * tau + t * (1.0 - tau))


def update(L: Learner, batch):
    q1_loss, q2_loss, policy_loss, alpha_loss, alpha = compute_losses(L, batch)
    # Each graph only touches parameters not yet stepped when its backward runs (the target is
    # gradient-free and alpha is detached), so stepping in this order keeps every loss pre-update.
    optimizer_step(L.alpha_opt, alpha_loss)
    optimizer_step(L.policy_opt, policy_loss)
    optimizer_step(L.q1_opt, q1_loss)
    optimizer_step(L.q2_opt, q2_loss)
    polyak(L.q1, L.target_q1, L.cfg.target_update_rate)
    polyak(L.q2, L.target_q2, L.cfg.target_update_rate)
    return (q1_loss.item(), q2_loss.item(), policy_loss.item(), alpha_loss.item(), alpha.item())


# ----------------------------------------------------------------------------------------------
# Parameter naming: every tensor of the learner under its h5 path
# ----------------------------------------------------------------------------------------------

def _linear_entries(prefix, layer: nn.Linear):
    yield f"{prefix}/w", layer.weight, "w"
    yield f"{prefix}/b", layer.bias, "row"


def named_tensors(L: Learner):
    """(h5 path, torch tensor, storage kind) for every stored tensor.

    kind "w":   h5 holds (in, out), torch's nn.Linear.weight is (out, in) -> transpose.
    kind "row": h5 holds (1, n), torch holds (n,) -> reshape (log_alpha: (1, 1) <-> (1,)).
    """
    for i, fc in enumerate(L.policy.fcs):
        yield from _linear_entries(f"policy/fc{i}", fc)
    yield from _linear_entries("policy/last_fc", L.policy.last_fc)
    yield from _linear_entries("policy/last_fc_log_std", L.policy.last_fc_log_std)
    for name in ("q1", "q2", "target_q1", "target_q2"):
        for i, layer in enumerate(getattr(L, name).layers):
            yield from _linear_entries(f"{name}/{i}", layer)
    yield "log_alpha", L.log_alpha, "row"


# ----------------------------------------------------------------------------------------------
# I/O
# ----------------------------------------------------------------------------------------------

def _load_rows(f, path, cfg: Config, cols):
    """A (U*B, cols) float32 dataset as (U, B, cols): rows of update u are u*B .. u*B+B-1."""
    a = np.asarray(f[path][()], dtype=np.float32)
    want = (cfg.updates * cfg.batch_size, cols)
    if a.shape != want:
        raise ValueError(f"{path}: shape {a.shape}, expected {want}")
    return torch.from_numpy(a).reshape(cfg.updates, cfg.batch_size, cols)


def load_inputs(path):
    """Build a Learner from INPUTS.h5; return it with U tuples (obs, act, rew, term, s', eps, eps')."""
    with h5py.File(path, "r") as f:
        cfg = reference_io.read_config(Config, f.attrs)
        L = Learner(cfg)
        reference_io.load_params(named_tensors(L), f["params"])
        S, A = cfg.obs_dim, cfg.act_dim
        columns = [("batches/observations", S), ("batches/actions", A), ("batches/rewards", 1),
                   ("batches/terminals", 1), ("batches/next_observations", S),
                   ("noise/current", A), ("noise/next", A)]
        arrays = [_load_rows(f, p, cfg, c) for p, c in columns]
    batches = [tuple(a[u] for a in arrays) for u in range(cfg.updates)]
    return L, batches


def write_outputs(path, L: Learner, losses):
    # [q1_loss, q2_loss, policy_loss, alpha_loss, alpha] per update
    reference_io.write_outputs(path, named_tensors(L), losses, loss_columns=5)


def main(argv=None):
    return reference_io.main(__doc__, load_inputs, update, write_outputs, argv)


if __name__ == "__main__":
    sys.exit(main())
