"""The table scripts/bench prints, from the files its steps wrote into DIR: native.txt and
native-plain.txt (criterion's bencher lines), node.jsonl and chromium.jsonl ({where,
workload, engine, ms}), memory-native.jsonl ({n, events, peakBytes}) and memory-wasm.jsonl
({n, peakBytes})."""

import json
import re
import sys
from pathlib import Path

WORKLOADS = ["small", "loop5000", "map1000", "jsonata-small", "jsonata-loop5000", "jsonata-map1000"]


def lines(path):
    return [json.loads(l) for l in path.read_text().splitlines() if l.strip()]


def ms(x):
    if x is None:
        return "-"
    return f"{x:.4f}" if x < 0.1 else f"{x:.3f}" if x < 10 else f"{x:.1f}"


def ratio(peer, ours):
    return f"{peer / ours:.0f}x" if peer and ours else "-"


def slope(points):
    """Least-squares bytes per event over (events, bytes) points."""
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else 0.0


def criterion(path):
    """Milliseconds per execution by workload, from criterion's bencher lines."""
    found = re.finditer(r"test (\S+) +\.\.\. bench: +([\d,]+) ns/iter", path.read_text())
    return {m[1]: int(m[2].replace(",", "")) / 1e6 for m in found}


def main(out):
    native, plain = criterion(out / "native.txt"), criterion(out / "native-plain.txt")
    timed = {}
    for row in lines(out / "node.jsonl") + lines(out / "chromium.jsonl"):
        timed[(row["where"], row["workload"], row["engine"])] = row["ms"]

    print("milliseconds per execution (definition parsed once); ours: the outcome only, "
          "+events: with its history as JSON; native: built with scripts/pgo's profile, "
          "native plain: without")
    head = ["workload", "native", "native plain", "node", "node+events", "peer node", "chromium",
            "chromium+events", "peer chromium", "native/peer", "plain/peer", "node/peer", "chromium/peer"]
    rows = []
    for w in WORKLOADS:
        n, p = native.get(w), plain.get(w)
        get = lambda where, engine: timed.get((where, w, engine))
        node, chromium = get("node", "ours"), get("chromium", "ours")
        peer_node, peer_chromium = get("node", "peer"), get("chromium", "peer")
        rows.append([w, ms(n), ms(p), ms(node), ms(get("node", "ours+events")), ms(peer_node), ms(chromium),
                     ms(get("chromium", "ours+events")), ms(peer_chromium), ratio(peer_node, n),
                     ratio(peer_node, p), ratio(peer_node, node), ratio(peer_chromium, chromium)])
    widths = [max(len(str(r[i])) for r in [head] + rows) for i in range(len(head))]
    for r in [head] + rows:
        print("  ".join(str(c).rjust(widths[i]) if i else str(c).ljust(widths[i]) for i, c in enumerate(r)))

    native_mem = lines(out / "memory-native.jsonl")
    wasm_mem = {r["n"]: r["peakBytes"] for r in lines(out / "memory-wasm.jsonl")}
    print()
    print("peak memory of a loop run (loop5000's definition, n turns), MiB")
    print(f"{'turns':>6}  {'events':>7}  {'native':>8}  {'wasm':>8}")
    for r in native_mem:
        wasm = wasm_mem.get(r["n"])
        print(f"{r['n']:>6}  {r['events']:>7}  {r['peakBytes'] / 2**20:>8.2f}  "
              f"{(wasm / 2**20 if wasm else float('nan')):>8.2f}")
    points = [(r["events"], r["peakBytes"]) for r in native_mem]
    wasm_points = [(r["events"], wasm_mem[r["n"]]) for r in native_mem if r["n"] in wasm_mem]
    print(f"slope: native {slope(points):.0f} bytes/event, wasm {slope(wasm_points):.0f} bytes/event "
          "(wasm memory grows in 64 KiB pages)")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
