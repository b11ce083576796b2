#!/usr/bin/env python3
# Copyright (c) 2026 kube-anycast authors.
"""Plots a kube-anycast benchmark run (results.json from bench/run.sh) into one PNG:
initial sync vs GoBGP per size (P2/P4), P1 convergence latency per kind of change, Karaf RSS per size."""
import json
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def median(values):
    """Nearest-rank median, like the harness's tables (the lower middle value of an even count)."""
    values = sorted(values)
    if not values:
        return float("nan")
    return values[(len(values) + 1) // 2 - 1]


def main(src, dst):
    with open(src) as f:
        res = json.load(f)
    sizes = res.get("sizes", [])
    fig, axes = plt.subplots(1, 3, figsize=(17, 5))

    ax = axes[0]
    labels = [s["size"] for s in sizes]
    ours = [median([r["source_start_to_fib_ms"] for r in s["ours"]["sync"]]) / 1000 for s in sizes]
    gobgp = [median([r["inject_to_fib_ms"] for r in s["gobgp"]["sync"]]) / 1000 for s in sizes]
    x = range(len(labels))
    ax.bar([i - 0.2 for i in x], ours, 0.4, label="kube-anycast (ODL)")
    ax.bar([i + 0.2 for i in x], gobgp, 0.4, label="GoBGP gRPC")
    for i, (o, g) in enumerate(zip(ours, gobgp)):
        ax.text(i, max(o, g), f"x{o / g:.2f}" if g else "", ha="center", va="bottom")
    ax.set_xticks(list(x))
    ax.set_xticklabels(labels)
    ax.set_yscale("log")
    ax.set_ylabel("start -> complete FIB (s, median)")
    ax.set_title("P2/P4 initial sync (VIPs x paths)")
    ax.legend()

    ax = axes[1]
    p1 = next((s["p1"] for s in sizes if "p1" in s), None)
    if p1:
        kinds = list(p1["samples_ms"].keys())
        ax.boxplot([p1["samples_ms"][k] for k in kinds], whis=(1, 99), showfliers=True)
        ax.set_xticks(range(1, len(kinds) + 1))
        ax.set_xticklabels([k.replace("_", "\n") for k in kinds], fontsize=8)
        ax.axhline(100, color="green", linestyle="--", label="p50 goal 100 ms")
        ax.axhline(250, color="red", linestyle="--", label="p99 goal 250 ms")
        ax.set_ylabel("API accepted -> kernel route change (ms)")
        a = p1["all"]
        ax.set_title(f"P1 convergence: p50 {a['p50']:.0f} ms, p99 {a['p99']:.0f} ms (n={int(a['n'])})")
        ax.legend(fontsize=8)

    ax = axes[2]
    rss = [s["ours"]["karaf_rss_synced_mib"] for s in sizes]
    idle = [s["ours"]["karaf_rss_idle_mib"] for s in sizes]
    ax.plot(labels, rss, marker="o", label="Karaf RSS synced")
    ax.plot(labels, idle, marker="x", label="Karaf RSS before sync")
    ax.axhline(1536, color="red", linestyle="--", label="goal 1.5 GiB")
    ax.set_ylabel("MiB")
    ax.set_title("P3/P4 memory")
    ax.legend(fontsize=8)

    m = res.get("machine", {})
    fig.suptitle(f"kube-anycast benchmarks {res.get('started', '')[:16]} - {m.get('cpus')} CPUs, "
                 f"{m.get('mem_total_mib')} MiB, load before {res.get('loadavg_before', ['?'])[0]}"
                 + (" (smoke)" if res.get("smoke") else ""))
    fig.tight_layout()
    fig.savefig(dst, dpi=100)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
