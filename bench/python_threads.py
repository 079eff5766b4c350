#!/usr/bin/python3
"""Two Python threads aligning at once against one alignment alone: ctypes
releases the GIL during ta_align, so on two free cores the two threads take
about the time of one (speedup near 2); a binding that held the GIL would
take twice as long (speedup near 1).  On a loaded machine the wall times
say little: "cores busy" (CPU time / wall time of the two threads) above 1
shows that they ran at the same time.

usage: bench/python_threads.py [BUILD_DIR] [REPEAT]
  BUILD_DIR (default: build) has python/tmxalign and libtmxalign.so, unless
  PYTHONPATH and TMXALIGN_LIBRARY already point at an installed module;
  REPEAT (default 3) copies of Boule de suif make each document longer.
"""
import os
import sys
import threading
import time

top = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
build = sys.argv[1] if len(sys.argv) > 1 else os.path.join(top, "build")
repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
if "TMXALIGN_LIBRARY" not in os.environ and os.path.isdir(build):
    sys.path.insert(0, os.path.join(build, "python"))
    os.environ["TMXALIGN_LIBRARY"] = os.path.join(build, "libtmxalign.so")
import tmxalign  # noqa: E402


def text(lang):
    with open(os.path.join(top, "corpora", "boule-de-suif",
                           f"story.{lang}.txt"), encoding="utf-8") as f:
        return "\n\n".join([f.read()] * repeat)


fr = tmxalign.split(text("fr"), "fr")
en = tmxalign.split(text("en"), "en")
tmxalign.align(fr, en)  # warm up (ICU data, caches)


def one():
    return tmxalign.align(fr, en)


t0, c0 = time.perf_counter(), time.process_time()
al = one()
alone = time.perf_counter() - t0
alone_cpu = time.process_time() - c0

results = []
threads = [threading.Thread(target=lambda: results.append(one()))
           for _ in range(2)]
t0, c0 = time.perf_counter(), time.process_time()
for t in threads:
    t.start()
for t in threads:
    t.join()
both = time.perf_counter() - t0
both_cpu = time.process_time() - c0
assert [len(r) for r in results] == [len(al)] * 2

print(f"documents: {len(fr)} and {len(en)} sentences, {len(al)} beads")
print(f"one alignment:             {alone:.3f} s wall, {alone_cpu:.3f} s CPU")
print(f"two threads at once:       {both:.3f} s wall, {both_cpu:.3f} s CPU "
      f"({both_cpu / both:.2f} cores busy on average)")
print(f"speedup (2 x one / both):  {2 * alone / both:.2f} "
      f"(2 = fully parallel, 1 = serialised; {os.cpu_count()} cores)")
