#!/usr/bin/python3
"""What the policies of the early-curve diagnostic do, from `iql eval --trace` files.

Usage: trace_summary.py DATA.hdf5 LABEL=TRACE.csv ...   (Debian's python3 with numpy and h5py)

For each traced policy (hopper: obs_0 torso height, obs_1 torso angle, obs_5 forward velocity) it
prints the episodes' mean length, how they ended (hopper's healthy range: height > 0.7 and
|angle| < 0.2), the forward velocity and the actions' size and saturation, and how far its actions
are from the data's in the states it visits: the distance to the action the data took in the
nearest data state (Euclidean over observations). The data's own actions are the first row. A
second table follows the torso's height and forward velocity through the first 400 steps.
"""
import sys

import h5py
import numpy as np


def read_trace(path):
    rows = np.genfromtxt(path, delimiter=",", names=True)
    obs = np.stack([rows[n] for n in rows.dtype.names if n.startswith("obs_")], axis=1)
    act = np.stack([rows[n] for n in rows.dtype.names if n.startswith("action_")], axis=1)
    last = np.stack([rows[n] for n in rows.dtype.names if n.startswith("next_obs_")], axis=1)[rows["done"] == 1]
    return rows["episode"].astype(int), last, obs, act


def nearest_actions(data_obs, data_act, obs, chunk=256):
    sq = (data_obs ** 2).sum(1)
    out = np.empty((len(obs), data_act.shape[1]))
    for i in range(0, len(obs), chunk):
        q = obs[i:i + chunk]
        d = sq[None, :] - 2 * q @ data_obs.T
        out[i:i + chunk] = data_act[d.argmin(1)]
    return out


def describe(label, episodes, last, obs, act, data_obs, data_act):
    lengths = np.bincount(episodes)
    timed_out = (lengths >= 1000).sum()
    fell_angle = ((np.abs(last[:, 1]) >= 0.2) & (lengths < 1000)).sum()
    fell_height = ((last[:, 0] <= 0.7) & (np.abs(last[:, 1]) < 0.2) & (lengths < 1000)).sum()
    gap = np.linalg.norm(act - nearest_actions(data_obs, data_act, obs), axis=1).mean()
    print(f"| {label} | {lengths.mean():.0f} | {fell_angle} / {fell_height} / {timed_out} | "
          f"{obs[:, 5].mean():.2f} | {np.abs(act).mean():.2f} | {100 * (np.abs(act) > 0.99).mean():.0f}% | "
          f"{gap:.2f} |")


def windows(label, episodes, obs):
    steps = np.concatenate([np.arange(n) for n in np.bincount(episodes)])
    cells = []
    for lo in range(0, 400, 100):
        inside = (steps >= lo) & (steps < lo + 100)
        cells.append(f"{obs[inside, 0].mean():.2f} / {obs[inside, 5].mean():.2f}" if inside.any() else "–")
    print(f"| {label} | " + " | ".join(cells) + " |")


def main():
    with h5py.File(sys.argv[1], "r") as f:
        data_obs = f["observations"][:].astype(np.float64)
        data_act = f["actions"][:].astype(np.float64)
    print("| policy | mean length | ended by angle / height / time | forward velocity | mean abs(action) "
          "| abs(action) > 0.99 | distance to the data's action nearby |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(f"| the data's own actions | – | – | {data_obs[:, 5].mean():.2f} | {np.abs(data_act).mean():.2f} | "
          f"{100 * (np.abs(data_act) > 0.99).mean():.0f}% | – |")
    traces = [(item.split("=", 1)[0], read_trace(item.split("=", 1)[1])) for item in sys.argv[2:]]
    for label, trace in traces:
        describe(label, *trace, data_obs, data_act)
    print()
    print("| policy: torso height / forward velocity, mean over | steps 0-99 | 100-199 | 200-299 | 300-399 |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, (episodes, _, obs, _) in traces:
        windows(label, episodes, obs)


if __name__ == "__main__":
    main()
