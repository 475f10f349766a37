#!/usr/bin/env python3
"""Picks the corpus to commit: greedily the input that covers the most code edges not yet
covered (the shorter one on a tie), until every edge the candidates reach is covered or
MAX inputs are picked, and copies them to OUT_DIR.

    fuzz/cover.py FUZZ_BINARY CANDIDATES_DIR OUT_DIR [MAX] [LIBFUZZER_FLAG...]

MAX is 300 by default. Each candidate's edges are measured alone (a libFuzzer merge of that
one file: a merge records only what each file adds to those before it). libFuzzer's own
merge covers every edge, with nearly a thousand files for the larger targets; capped, the
committed corpus stays at a few hundred files per target. Prints how many edges the picked
inputs cover of all the candidates cover.
"""

import heapq
import os
import shutil
import subprocess
import sys
import tempfile


def edges_of(binary, path, flags, scratch):
    """The code edges one input covers, from a merge of that input alone."""
    alone, empty = os.path.join(scratch, "alone"), os.path.join(scratch, "empty")
    control = os.path.join(scratch, "control")
    for folder in (alone, empty):
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
    shutil.copyfile(path, os.path.join(alone, "input"))
    if os.path.exists(control):  # an existing control file would resume the last merge
        os.remove(control)
    subprocess.run(
        [binary, "-merge=1", "-use_counters=0", f"-merge_control_file={control}", *flags,
         empty, alone],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
    )
    covered = set()
    with open(control, encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.split()
            if parts and parts[0] == "COV":
                covered.update(parts[2:])
    return covered


def pick(sizes, edges, most):
    """Lazy greedy set cover: a heap of (-gain, size, name), gains refreshed when popped."""
    heap = [(-len(e), sizes[name], name) for name, e in edges.items() if e]
    heapq.heapify(heap)
    covered, picked = set(), []
    while heap and len(picked) < most:
        gain, size, name = heapq.heappop(heap)
        fresh = len(edges[name] - covered)
        if fresh == 0:
            continue
        if fresh < -gain:
            heapq.heappush(heap, (-fresh, size, name))
            continue
        picked.append(name)
        covered |= edges[name]
    return picked, covered


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    binary, candidates, out = sys.argv[1:4]
    rest = sys.argv[4:]
    most = int(rest.pop(0)) if rest and rest[0].isdigit() else 300
    names = sorted(os.listdir(candidates))
    sizes = {n: os.path.getsize(os.path.join(candidates, n)) for n in names}
    with tempfile.TemporaryDirectory() as scratch:
        edges = {n: edges_of(binary, os.path.join(candidates, n), rest, scratch) for n in names}
    picked, covered = pick(sizes, edges, most)
    everything = set().union(*edges.values()) if edges else set()
    os.makedirs(out, exist_ok=True)
    for name in picked:
        shutil.copyfile(os.path.join(candidates, name), os.path.join(out, name))
    print(f"{len(picked)} inputs of {len(names)} cover {len(covered)} of {len(everything)} edges")


if __name__ == "__main__":
    main()
