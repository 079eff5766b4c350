#!/usr/bin/python3
"""N rounds (default 1000) of every call of the module on a small input,
for tests/python/leaks.sh to run under valgrind: a leak in the library or
in the module's handling of handles shows as memory lost per round."""
import gc
import os
import sys
import tempfile
import weakref

import tmxalign

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
fr = "Il pleut sur la ville. Le chat dort.\n\nIl y a 3 pommes. Fin."
en = "It rains on the town. The cat sleeps.\n\nThere are 3 apples. The end."
with tempfile.TemporaryDirectory() as d:
    tmx = os.path.join(d, "a.tmx")
    calls = 0
    for i in range(n):
        a = tmxalign.split(fr, "fr")
        b = tmxalign.split(en.encode(), "en")
        al = tmxalign.align(a, b)
        al2 = tmxalign.align(a.texts, b.texts, "fr", "en", max_bead=3)
        report = al.check()
        tmxalign.write_tmx(tmx, al)
        units = list(tmxalign.read_tmx(tmx))
        tmxalign.write_tmx(tmx, units)
        with tmxalign.read_tmx(tmx) as r:  # closed before the end
            next(r)
        for bad in (lambda: tmxalign.split(fr, "xx-bogus"),
                    lambda: tmxalign.read_tmx(os.path.join(d, "none.tmx")),
                    lambda: tmxalign.align(["a"], ["b"], "fr", "en",
                                           max_bead=1)):
            try:
                bad()
            except tmxalign.TmxalignError:
                pass
        calls += 10
        assert len(al) == len(al2) > 0 and len(units) > 0
        assert report.summary.src_sentences == len(a)
# Every handle was released when its object went: none is left for the
# finalizers that would otherwise free it at exit, out of valgrind's sight.
del a, b, al, al2, report, units, r
gc.collect()
alive = [f for f in list(weakref.finalize._registry) if f.alive]
assert not alive, f"{len(alive)} handles still alive"
print(f"{n} rounds, {calls} calls")
