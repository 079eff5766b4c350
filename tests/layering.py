#!/usr/bin/env python3
"""The library's layers, checked on the sources and on the built objects.

src/ has one folder a layer; a folder may use only the folders below it:

    base < text < anchors < lexicon < align < tmx < check < review < batch
    < cli

Fails (exit 1, one line a fault) when
  - a source includes the header of a higher folder ("check/..." from
    align/), or an unknown folder;
  - an object calls (or reads) a symbol defined in a higher folder: nm's
    undefined symbols of each object against what the others define;
  - two files call each other, directly or round a longer loop, even
    inside one folder (a cycle: neither can be read without the other);
  - the CLI uses a library internal (ta__...): it is a client of the
    public API like any other;
  - a source, unit test, fuzz harness or end-to-end script is not named
    in CMakeLists.txt (the lists are explicit, no GLOB: a file nobody
    builds or runs would pass unseen).

usage: layering.py SOURCE_DIR BUILD_DIR
"""
import os
import re
import subprocess
import sys

LAYERS = ["base", "text", "anchors", "lexicon", "align", "tmx", "check",
          "review", "batch", "cli"]
RANK = {name: i for i, name in enumerate(LAYERS)}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def sources(src):
    for layer in LAYERS:
        d = os.path.join(src, layer)
        for f in sorted(os.listdir(d)):
            if f.endswith((".c", ".h")):
                yield layer, os.path.join(layer, f)


def check_includes(src, faults):
    for layer, rel in sources(src):
        text = open(os.path.join(src, rel), encoding="utf-8").read()
        for inc in INCLUDE.findall(text):
            top = inc.split("/")[0]
            if "/" not in inc:
                # Only the CLI keeps a flat folder of its own headers.
                if layer != "cli":
                    faults.append(f"{rel}: includes \"{inc}\": name the "
                                  "folder (\"{layer}/{inc}\")")
                continue
            if top == "tmxalign":
                continue  # the public API is there for every layer
            if top not in RANK:
                faults.append(f"{rel}: includes \"{inc}\" from no layer")
            elif RANK[top] > RANK[layer]:
                faults.append(f"{rel}: includes \"{inc}\": {layer}/ may "
                              f"use only {', '.join(LAYERS[:RANK[layer]]) or 'nothing'}")
            elif layer == "cli" and top != "cli":
                faults.append(f"{rel}: includes the internal \"{inc}\"; "
                              "the CLI uses the public API only")


def objects(build):
    """(layer, source path, object path) of every library and CLI object."""
    for target in ("tmxalign_obj", "tmxalign_cli"):
        root = os.path.join(build, "CMakeFiles", target + ".dir")
        for dirpath, _, files in os.walk(root):
            for f in files:
                if not f.endswith(".c.o"):
                    continue
                path = os.path.join(dirpath, f)
                rel = os.path.relpath(path, root)
                # CMake mirrors the source tree: src/LAYER/NAME.c.o
                parts = rel.split(os.sep)
                if len(parts) < 3 or parts[0] != "src":
                    continue
                yield parts[1], "/".join(parts[1:])[:-2], path


def symbols(path):
    out = subprocess.run(["nm", "--defined-only", path], check=True,
                         capture_output=True, text=True).stdout
    defined = {l.split()[-1] for l in out.splitlines()
               if len(l.split()) == 3 and l.split()[1].isupper()}
    out = subprocess.run(["nm", "--undefined-only", path], check=True,
                         capture_output=True, text=True).stdout
    undefined = {l.split()[-1] for l in out.splitlines() if l.split()}
    return defined, undefined


def check_calls(build, faults):
    objs = list(objects(build))
    if len(objs) < 10:
        faults.append(f"{build}: found {len(objs)} objects; build first")
        return
    owner, uses, layer_of = {}, {}, {}
    for layer, rel, path in objs:
        defined, undefined = symbols(path)
        layer_of[rel] = layer
        uses[rel] = undefined
        for s in defined:
            owner[s] = rel
    edges = {rel: set() for rel in uses}
    for rel, undefined in uses.items():
        for s in sorted(undefined):
            if s not in owner:
                continue  # the C library, ICU, libxml2, zlib
            to = owner[s]
            edges[rel].add(to)
            if RANK[layer_of[to]] > RANK[layer_of[rel]]:
                faults.append(f"{rel}: calls {s} of {to}, a higher layer")
            if layer_of[rel] == "cli" and s.startswith("ta__"):
                faults.append(f"{rel}: calls the internal {s} of {to}")
    for cycle in cycles(edges):
        faults.append("files call each other: " + " -> ".join(cycle + cycle[:1]))


def cycles(edges):
    """Strongly connected components of more than one file (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def check_listed(root, faults):
    cmake = open(os.path.join(root, "CMakeLists.txt"), encoding="utf-8").read()
    if "file(GLOB" in cmake:
        faults.append("CMakeLists.txt: uses file(GLOB ...); list the files")
    wanted = []
    for layer in LAYERS:
        d = os.path.join(root, "src", layer)
        wanted += [f"src/{layer}/{f}" for f in os.listdir(d) if f.endswith(".c")]
    for sub, pre, ext in (("tests/unit", "test_", ".c"), ("fuzz", "fuzz_", ".c"),
                          ("tests/e2e", "", ".sh")):
        d = os.path.join(root, sub)
        wanted += [f"{sub}/{f}" for f in os.listdir(d)
                   if f.startswith(pre) and f.endswith(ext)]
    for w in sorted(wanted):
        if w not in cmake:
            faults.append(f"{w}: not listed in CMakeLists.txt")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src = os.path.join(sys.argv[1], "src")
    faults = []
    check_includes(src, faults)
    check_listed(sys.argv[1], faults)
    check_calls(sys.argv[2], faults)
    for f in faults:
        print("layering:", f)
    if faults:
        sys.exit(1)
    print("layering: " + " < ".join(LAYERS) + ": no include or call goes "
          "up, no two files call each other")


if __name__ == "__main__":
    main()
