#!/usr/bin/env python3
"""Writes the seed inputs of every fuzz target, extracted from the repository's test cases
and examples (and from ../shared, the recorded executions and the JSONata suite, when
present), to fuzz/seeds/<target>/, one file per input named by its SHA-1.

    fuzz/seeds.py [OUT_DIR]
    fuzz/seeds.py --max-len TARGET    (prints the target's -max_len)

scripts/fuzz runs each target on its committed corpus (fuzz/corpus/<target>/) plus these
seeds; `cargo fuzz cmin` keeps the few that matter in the corpus.
"""

import base64
import copy
import glob
import hashlib
import json
import os
import sys
import zlib

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))
# The longest seed kept: the fuzzer's -max_len for that target (scripts/fuzz).
MAX_LEN = {"jsonpath": 4096, "intrinsic": 4096, "jsonata": 4096, "share_link": 8192, "glob": 1024}
DEFAULT_MAX_LEN = 16384


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def files(pattern):
    return sorted(glob.glob(os.path.join(ROOT, pattern), recursive=True))


def shared_files(pattern):
    return sorted(glob.glob(os.path.join(SHARED, pattern), recursive=True))


def cases(path):
    """The cases of a case file: a list, or an object with a `cases` list."""
    data = load(path)
    if isinstance(data, dict):
        data = data.get("cases", [])
    return [c for c in data if isinstance(c, dict)]


def compact(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def pretty(value):
    return json.dumps(value, ensure_ascii=False, indent=1)


def walk(value, key=None):
    """Every (key, value) pair of a JSON document, depth first."""
    yield key, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from walk(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from walk(v, key)


def patch(doc, ops):
    """testkit's patch: RFC 6902 add, remove and replace (replace also adds a member)."""
    doc = copy.deepcopy(doc)
    for op in ops:
        tokens = [t.replace("~1", "/").replace("~0", "~") for t in op["path"].split("/")[1:]]
        parent = doc
        for t in tokens[:-1]:
            parent = parent[int(t)] if isinstance(parent, list) else parent[t]
        last = tokens[-1]
        if isinstance(parent, list):
            if op["op"] == "remove":
                del parent[int(last)]
            elif op["op"] == "add":
                parent.insert(len(parent) if last == "-" else int(last), op["value"])
            else:
                parent[int(last)] = op["value"]
        elif op["op"] == "remove":
            del parent[last]
        else:
            parent[last] = op["value"]
    return doc


def presets():
    return {os.path.basename(p)[: -len(".json")]: load(p) for p in files("crates/sim/presets/*.json")}


def definitions():
    """Every state machine definition of the case files, presets and examples."""
    out = []
    for path in files("crates/asl/tests/cases/*.json") + files("crates/cli/tests/cases/*/*.json"):
        for case in cases(path):
            for key in ("definition", "machine"):
                if isinstance(case.get(key), (dict, str)):
                    out.append(case[key])
    for path in shared_files("conformance/asl*/*.json"):
        definition = load(path).get("definition")
        if isinstance(definition, dict):
            out.append(definition)
    for doc in scenarios():
        for key, value in walk(doc):
            if key == "definition" and isinstance(value, (dict, str)):
                out.append(value)
    out.append(load(os.path.join(ROOT, "examples/retry.asl.json")))
    return out


def texts(values):
    for value in values:
        if isinstance(value, str):
            yield value
        else:
            yield compact(value)
            yield pretty(value)


def definition_seeds():
    return texts(definitions())


def strings_in(values, test):
    for value in values:
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                continue
        for key, v in walk(value):
            if isinstance(v, str) and test(key or "", v):
                yield v


def jsonpath_seeds():
    path_keys = ("Path", "Variable")
    yield from strings_in(
        definitions(),
        lambda key, v: v.startswith("$")
        and (key.endswith(".$") or key.endswith(path_keys)),
    )
    yield from ["$", "$$", "$.a.b[0]", "$['a']['b']", "$..c", "$.list[1:]", "$.a.b[?(@.c == null)]",
                "$.a.b[*]", "$.list[-1:]", "$$.Execution.Input.a", "$v.k"]


def intrinsic_seeds():
    for path in files("crates/asl/tests/cases/intrinsics.json"):
        for case in cases(path):
            if isinstance(case.get("expression"), str):
                yield case["expression"]
    yield from strings_in(definitions(), lambda key, v: v.startswith("States."))


def jsonata_seeds():
    for path in files("crates/jsonata/tests/cases/*.json"):
        for case in cases(path):
            if isinstance(case.get("expression"), str):
                yield case["expression"]
    for case in cases(os.path.join(ROOT, "crates/cli/tests/cases/jsonata/cases.json")):
        for arg in case.get("args", []):
            if isinstance(arg, str) and not arg.startswith("-"):
                yield arg
    for expression in strings_in(definitions(), lambda key, v: v.startswith("{%")):
        yield expression.strip()[2:-2].strip()
    for path in shared_files("jsonata-suite/groups/*/*.json"):
        data = load(path)
        for case in data if isinstance(data, list) else [data]:
            if isinstance(case, dict) and isinstance(case.get("expr"), str):
                yield case["expr"]


def policy_seeds():
    requests = []
    for path in files("crates/iam/tests/cases/*.json") + files("crates/cli/tests/cases/authorize/*.json"):
        requests.extend(case["input"] for case in cases(path) if "input" in case)
    yield from texts(requests)
    policies = []
    for path in files("crates/iam/tests/lint/*.json"):
        policies.extend(case["policy"] for case in cases(path) if "policy" in case)
    for doc in requests + scenarios():
        for _, v in walk(doc):
            if isinstance(v, dict) and "Statement" in v:
                policies.append(v)
    yield from texts(policies)


def scenarios():
    """The presets, the case files' patched presets and given scenarios, the examples."""
    base = presets()
    out = list(base.values())
    for path in files("crates/sim/tests/cases/**/*.json") + files("crates/cli/tests/cases/*/*.json") \
            + files("crates/access/tests/cases/*.json"):
        for case in cases(path):
            named = case.get("scenarios")
            for given in [case] + list(named.values() if isinstance(named, dict) else []):
                out.extend(scenario_of(given, base))
    return out


def scenario_of(case, base):
    """The scenario a case gives: `scenario` as written, or `preset` with its `patch`."""
    if isinstance(case.get("scenario"), dict):
        yield case["scenario"]
    if isinstance(case.get("preset"), str) and case["preset"] in base:
        try:
            yield patch(base[case["preset"]], case.get("patch", []))
        except (KeyError, IndexError, ValueError, TypeError):
            pass


def scenario_seeds():
    return texts(scenarios())


def template_seeds():
    for path in files("crates/cfn/tests/cases/*.json"):
        for case in cases(path):
            if isinstance(case.get("template"), str):
                yield case["template"]
    for path in files("examples/seed/*.yaml"):
        with open(path, encoding="utf-8") as f:
            yield f.read()


def pack(text):
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = deflate.compress(text.encode("utf-8")) + deflate.flush()
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def envelopes():
    """The texts `#s=2.` links carry: whole scenarios, and changes against a preset."""
    for name, doc in presets().items():
        yield {"p": name, "s": doc, "o": "/accounts", "x": 1, "c": 3}
        first = next(iter(doc.get("accounts", {})), "111111111111")
        yield {
            "p": name,
            "d": [["s", f"/accounts/{first}/x", {"a": [1]}], ["r", "/execution"],
                  ["o", "", list(k for k in doc if k != "execution")]],
            "t": {f"/accounts/{first}": "{ not yet JSON"},
        }
    yield {"s": {"accounts": {}}, "t": {"/a": "x"}}
    yield {"p": "nowhere", "d": []}


def share_link_seeds():
    """Fragments as typed (starting with #), and envelopes the target packs itself."""
    for name, doc in presets().items():
        yield f"#p={name}"
        yield "#s=1." + pack(compact(doc))
    for envelope in envelopes():
        yield "#s=2." + pack(compact(envelope))
        yield compact(envelope)
    yield "#s=3.AAAA"
    yield "#s=2.%%%"
    yield "#x=1"


def glob_seeds():
    """Patterns and texts in the glob target's alphabet (a b é * ? backslash as the bytes
    0 to 5): a syntax byte, the pattern, 0xFF, the text."""
    letters = {c: bytes([i]) for i, c in enumerate("abé*?\\")}
    cases = [("a*b", "aab"), ("*a?é*", "bbaéé"), ("a\\*", "a*"), ("*ab*ab*", "abbab"),
             ("?*?", "é"), ("*" + "ab" * 40 + "?", "ab" * 60 + "b"), ("", ""), ("*", "")]
    for pattern, text in cases:
        for flags in range(4):
            yield (bytes([flags]) + b"".join(letters[c] for c in pattern) + b"\xff"
                   + b"".join(letters[c] for c in text))


TARGETS = {
    "definition": definition_seeds,
    "jsonpath": jsonpath_seeds,
    "intrinsic": intrinsic_seeds,
    "jsonata": jsonata_seeds,
    "policy": policy_seeds,
    "scenario": scenario_seeds,
    "template": template_seeds,
    "share_link": share_link_seeds,
    "glob": glob_seeds,
}


def max_len(target):
    return MAX_LEN.get(target, DEFAULT_MAX_LEN)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--max-len":
        print(max_len(sys.argv[2]))
        return
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "fuzz/seeds")
    for target, seeds in TARGETS.items():
        folder = os.path.join(out, target)
        os.makedirs(folder, exist_ok=True)
        written = set()
        for seed in seeds():
            try:
                data = seed if isinstance(seed, bytes) else seed.encode("utf-8")
            except UnicodeEncodeError:  # a lone surrogate: no UTF-8 text carries it
                continue
            if len(data) > max_len(target):
                continue
            name = hashlib.sha1(data).hexdigest()
            if name not in written:
                written.add(name)
                with open(os.path.join(folder, name), "wb") as f:
                    f.write(data)
        print(f"{target}: {len(written)} seeds")


if __name__ == "__main__":
    main()
