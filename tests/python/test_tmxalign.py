#!/usr/bin/python3
"""Unit tests of the Python module tmxalign (ctypes over libtmxalign).

Run by ctest (python.unit) with PYTHONPATH at the build's python/ folder,
TMXALIGN_LIBRARY at the built shared library and TA_LAYOUT_PROGRAM at
tests/python/layout.c built against it; TA_SOURCE_DIR is the source tree."""

import ctypes
import os
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import tmxalign

TOP = os.environ.get("TA_SOURCE_DIR",
                     os.path.join(os.path.dirname(__file__), "..", ".."))
STORY = os.path.join(TOP, "corpora", "parure")


def read(name):
    with open(os.path.join(STORY, name), encoding="utf-8") as f:
        return f.read()


def gold():
    """The gold beads of the story: [(src indices, tgt indices)]."""
    beads = []
    with open(os.path.join(STORY, "gold.beads")) as f:
        for line in f:
            s, t = line.strip().split(":")[:2]
            beads.append((tuple(int(x) for x in s.strip("[]").split(",") if x),
                          tuple(int(x) for x in t.strip("[]").split(",") if x)))
    return beads


FR = read("story.fr.txt")
EN = read("story.en.txt")


class Layout(unittest.TestCase):
    """The ctypes mirrors have the C structs' sizes and member offsets."""

    def test_structs_match_c(self):
        prog = os.environ.get("TA_LAYOUT_PROGRAM")
        if not prog:
            self.skipTest("TA_LAYOUT_PROGRAM not set")
        c = {}
        for line in subprocess.run([prog], check=True, capture_output=True,
                                   text=True).stdout.splitlines():
            name, value = line.split()
            c[name] = int(value)
        self.assertEqual(c["TA_ANCHOR_COUNT"], tmxalign.TA_ANCHOR_COUNT)
        self.assertEqual(c["TA_ANCHOR_MAX"], tmxalign.TA_ANCHOR_MAX)
        self.assertEqual(c["TA_FINDING_KIND_MAX"], tmxalign.TA_FINDING_KIND_MAX)
        self.assertEqual(c["TA_SEVERITY_MAX"], tmxalign.TA_SEVERITY_MAX)
        checked = 0
        for s in tmxalign.STRUCTS:
            self.assertEqual(ctypes.sizeof(s), c[s.__name__],
                             f"sizeof({s.__name__})")
            members = [k for k in c if k.startswith(s.__name__ + ".")]
            self.assertEqual(len(members), len(s._fields_),
                             f"members of {s.__name__}")
            for name, _ in s._fields_:
                self.assertEqual(getattr(s, name).offset,
                                 c[f"{s.__name__}.{name}"],
                                 f"offsetof({s.__name__}, {name})")
                checked += 1
        self.assertGreater(checked, 90)


class Split(unittest.TestCase):
    def test_version(self):
        self.assertEqual(tmxalign.library_version(), tmxalign.__version__)

    def test_story(self):
        doc = tmxalign.split(FR, "fr", name="story.fr.txt")
        self.assertGreater(len(doc), 200)
        self.assertEqual(doc.lang, "fr")
        self.assertEqual(doc.name, "story.fr.txt")
        self.assertGreater(doc.paragraphs, 50)
        self.assertEqual(doc[0].text, "La Parure")
        self.assertEqual(doc[0].paragraph, 0)
        self.assertEqual(doc[1].line, 3)
        raw = FR.encode("utf-8")
        s = doc[1]
        self.assertEqual(raw[s.offset:s.end].decode(), s.text)
        self.assertEqual([x.index for x in doc], list(range(len(doc))))
        self.assertEqual(doc.texts[:1], ["La Parure"])

    def test_sentences_and_abbreviations(self):
        doc = tmxalign.split("M. Dupont est là. Il fait beau ! Oui.", "fr")
        self.assertEqual(doc.texts, ["M. Dupont est là.", "Il fait beau !",
                                     "Oui."])

    def test_bytes_and_encoding(self):
        doc = tmxalign.split("Déjà vu. Encore.".encode("windows-1252"), "fr",
                             encoding="windows-1252")
        self.assertEqual(doc.texts, ["Déjà vu.", "Encore."])

    def test_load_file(self):
        doc = tmxalign.load(os.path.join(STORY, "story.en.txt"), "en")
        self.assertEqual(doc.texts, tmxalign.split(EN, "en").texts)

    def test_srx_rules(self):
        # a rule file that breaks after every full stop but "M."
        rules = ('<?xml version="1.0"?><srx xmlns="http://www.lisa.org/srx20" '
                 'version="2.0"><header cascade="yes"/><body><languagerules>'
                 '<languagerule languagerulename="fr"><rule break="no">'
                 '<beforebreak>\\bM\\.</beforebreak><afterbreak>\\s'
                 '</afterbreak></rule><rule break="yes"><beforebreak>\\.'
                 '</beforebreak><afterbreak>\\s</afterbreak></rule>'
                 '</languagerule></languagerules><maprules><languagemap '
                 'languagepattern=".*" languagerulename="fr"/></maprules>'
                 '</body></srx>')
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "r.srx")
            with open(path, "w", encoding="utf-8") as f:
                f.write(rules)
            text = "M. Dupont vint. Il partit, vers 3 h. du matin."
            doc = tmxalign.split(text, "fr", srx=path)
            self.assertEqual(doc.texts, ["M. Dupont vint.", "Il partit, vers 3 h.",
                                         "du matin."])
            txt = os.path.join(d, "t.txt")
            with open(txt, "w", encoding="utf-8") as f:
                f.write(text + "\n")
            self.assertEqual(tmxalign.load(txt, "fr", srx=path).texts,
                             doc.texts)
            with self.assertRaises(tmxalign.TmxalignError) as cm:
                tmxalign.split(text, "fr", srx=os.path.join(d, "none.srx"))
            self.assertIn("none.srx", str(cm.exception))

    def test_segments(self):
        doc = tmxalign.Document.from_segments(["a b.", "c d. e f."], "en",
                                              paragraphs=[0, 1])
        self.assertEqual(doc.texts, ["a b.", "c d. e f."])
        self.assertEqual([s.paragraph for s in doc], [0, 1])

    def test_bad_language(self):
        with self.assertRaises(tmxalign.TmxalignError) as cm:
            tmxalign.split("Hello.", "xx-bogus")
        e = cm.exception
        self.assertEqual(e.status, "TA_ELANG")
        self.assertIn("xx-bogus", str(e))
        self.assertEqual(str(e), e.message)

    def test_bad_arguments(self):
        with self.assertRaises(TypeError):
            tmxalign.split(42, "en")
        with self.assertRaisesRegex(ValueError, "language tag is needed"):
            tmxalign.split("Hello.", "")
        with self.assertRaisesRegex(ValueError, "input must be one of"):
            tmxalign.split("Hello.", "en", input="rtf")

    def test_missing_file(self):
        with self.assertRaises(tmxalign.TmxalignError) as cm:
            tmxalign.load("/nonexistent/story.txt", "en")
        self.assertEqual(cm.exception.status, "TA_ENOENT")
        self.assertIn("/nonexistent/story.txt", cm.exception.message)


class Align(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.al = tmxalign.align(FR, EN, "fr", "en")

    def test_story_against_gold(self):
        al = self.al
        got = {(b.src, b.tgt) for b in al}
        ref = gold()
        right = sum(1 for b in ref if b in got)
        self.assertGreater(right / len(ref), 0.9, f"{right} of {len(ref)}")
        self.assertEqual(al.summary.beads, len(al))
        self.assertGreater(al.summary.mean_score, 0.5)
        self.assertIn("1-1", al.summary.by_type)

    def test_beads_cover_both_sides_in_order(self):
        al = self.al
        src = [i for b in al for i in b.src]
        tgt = [i for b in al for i in b.tgt]
        self.assertEqual(src, list(range(len(al.src))))
        self.assertEqual(tgt, list(range(len(al.tgt))))
        b = al[1]
        self.assertEqual(b.src_text, " ".join(al.src[i].text for i in b.src))
        self.assertTrue(0 <= b.score <= 1)
        self.assertEqual(set(b.cost_anchor), set(tmxalign.ANCHOR_KINDS))
        self.assertEqual(b.type, f"{len(b.src)}-{len(b.tgt)}")

    def test_lists_are_presplit(self):
        al = tmxalign.align(["Il pleut.", "Le chat dort. Il rêve.", "Fin."],
                            ["It rains.", "The cat sleeps. It dreams.",
                             "The end."], "fr", "en")
        self.assertEqual([(b.src, b.tgt) for b in al],
                         [((0,), (0,)), ((1,), (1,)), ((2,), (2,))])
        self.assertEqual(al[1].tgt_text, "The cat sleeps. It dreams.")

    def test_documents_and_options(self):
        fr = tmxalign.split(FR, "fr")
        en = tmxalign.split(EN, "en")
        al = tmxalign.align(fr, en, max_bead=3, weights={"number": 0},
                            passes=1, self_train=False)
        self.assertTrue(all(len(b.src) + len(b.tgt) <= 3 for b in al))
        self.assertTrue(all(b.cost_anchor["number"] == 0 for b in al))

    def test_threads_option(self):
        # a pair long enough for the threads (4,096 sentences a side): the
        # beads of threads=2 are those of threads=1
        fr = [f"Chapitre {k}. Il y avait {k} chats." for k in range(4200)]
        en = [f"Chapter {k}. There were {k} cats." for k in range(4200)]
        one = tmxalign.align(fr, en, "fr", "en", threads=1)
        two = tmxalign.align(fr, en, "fr", "en", threads=2)
        self.assertEqual(len(one), 4200)
        self.assertEqual([(b.src, b.tgt, b.score) for b in one],
                         [(b.src, b.tgt, b.score) for b in two])
        with self.assertRaisesRegex(ValueError, "threads must be an int"):
            tmxalign.align(["a"], ["b"], "fr", "en", threads=-1)

    def test_bad_options(self):
        with self.assertRaisesRegex(TypeError, "unknown option.*'colour'"):
            tmxalign.align(["a"], ["b"], "fr", "en", colour=True)
        with self.assertRaisesRegex(ValueError, "unknown anchor kind"):
            tmxalign.align(["a"], ["b"], "fr", "en", weights={"nope": 1})
        with self.assertRaisesRegex(ValueError, "src_lang is needed"):
            tmxalign.align("a", "b")
        with self.assertRaises(tmxalign.TmxalignError) as cm:
            tmxalign.align(["a"], ["b"], "fr", "en", max_bead=1)
        self.assertEqual(cm.exception.status, "TA_EINVAL")
        self.assertTrue(cm.exception.message)

    def test_threads_give_the_same_beads(self):
        results = [None, None]

        def run(k):
            results[k] = [(b.src, b.tgt) for b in
                          tmxalign.align(FR, EN, "fr", "en")]
        threads = [threading.Thread(target=run, args=(k,)) for k in (0, 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        want = [(b.src, b.tgt) for b in self.al]
        self.assertEqual(results, [want, want])


class Gil(unittest.TestCase):
    def test_foreign_calls_release_the_gil(self):
        """While a thread is inside ta_align, the main thread runs Python
        code: the GIL is released for the call (ctypes.CDLL), so threads
        align in parallel.  Whatever the machine's load, a call that held
        the GIL would stop the main thread for the whole call."""
        def read_bds(lang):
            with open(os.path.join(TOP, "corpora", "boule-de-suif",
                                   f"story.{lang}.txt"), encoding="utf-8") as f:
                return f.read()
        fr = tmxalign.split(read_bds("fr"), "fr")
        en = tmxalign.split(read_bds("en"), "en")
        span = {}

        def work():
            out, err = ctypes.c_void_p(), tmxalign.ta_error()
            span["start"] = time.perf_counter()
            st = tmxalign._lib.ta_align(fr._handle, en._handle, None,
                                        ctypes.byref(out), ctypes.byref(err))
            span["end"] = time.perf_counter()
            tmxalign._lib.ta_alignment_free(out)
            self.assertEqual(st, 0)
        t = threading.Thread(target=work)
        ticks = []
        t.start()
        while t.is_alive():
            ticks.append(time.perf_counter())
        t.join()
        inside = [x for x in ticks if span["start"] <= x <= span["end"]]
        duration = span["end"] - span["start"]
        marks = [span["start"]] + inside + [span["end"]]
        gaps = [b - a for a, b in zip(marks, marks[1:])]
        self.assertGreater(len(inside), 10,
                           f"main thread stopped for the {duration:.3f} s call")
        self.assertLess(max(gaps), duration / 2)


class Check(unittest.TestCase):
    def test_story_is_complete(self):
        report = tmxalign.check(FR, EN, "fr", "en")
        s = report.summary
        self.assertEqual(s.src_sentences, len(report.alignment.src))
        self.assertGreater(s.coverage, 0.95)
        self.assertEqual(set(s.by_kind), set(tmxalign.FINDING_KINDS))
        self.assertEqual(sum(s.by_kind.values()), len(report))
        self.assertIsInstance(report.complete, bool)
        for f in report:
            self.assertIn(f.kind, tmxalign.FINDING_KINDS)
            self.assertIn(f.severity, tmxalign.SEVERITIES)
            self.assertTrue(f.message)

    def test_omitted_paragraph_is_found(self):
        paras = EN.split("\n\n")
        cut = "\n\n".join(paras[:20] + paras[22:])
        report = tmxalign.check(FR, cut, "fr", "en")
        self.assertFalse(report.complete)
        om = [f for f in report if f.kind == "omission"]
        self.assertTrue(om, [f.message for f in report])
        self.assertTrue(om[0].src.text)
        self.assertLess(report.summary.coverage, 0.99)

    def test_alignment_check_and_options(self):
        al = tmxalign.align(FR, EN, "fr", "en")
        report = al.check(kinds=["omission"], fail_on="none", min_coverage=0)
        self.assertTrue(report.complete)
        self.assertTrue(all(f.kind == "omission" for f in report))
        with self.assertRaisesRegex(ValueError, "unknown finding kind"):
            al.check(kinds=["typo"])
        with self.assertRaisesRegex(TypeError, "unknown option"):
            tmxalign.check(FR, EN, "fr", "en", verbose=True)


class Tmx(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def test_alignment_round_trip(self):
        al = tmxalign.align(FR, EN, "fr", "en")
        n = tmxalign.write_tmx(self.path("story.tmx"), al, document="story")
        one_one = sum(1 for b in al if b.src and b.tgt)
        self.assertEqual(n, one_one)
        with tmxalign.read_tmx(self.path("story.tmx")) as r:
            self.assertEqual(r.header["srclang"], "fr")
            self.assertEqual(r.header["creationtool"], "tmxalign")
            units = list(r)
        self.assertEqual(len(units), n)
        first = next(b for b in al if b.src and b.tgt)
        self.assertEqual(units[0].text("fr"), first.src_text)
        self.assertEqual(units[0].text("EN"), first.tgt_text)
        self.assertEqual(units[0].prop("x-document"), "story")
        self.assertEqual(units[0].tuid, "1")

    def test_units_round_trip(self):
        pairs = [("Bonjour.", "Hello."), ("Au revoir & à bientôt.",
                                          "Goodbye <and> see you.")]
        n = tmxalign.write_tmx(self.path("p.tmx"), pairs, srclang="fr",
                               tgtlang="en",
                               header={"creationdate": "20240101T000000Z"})
        self.assertEqual(n, 2)
        units = list(tmxalign.read_tmx(self.path("p.tmx")))
        self.assertEqual([(u.text("fr"), u.text("en")) for u in units], pairs)
        # read units written again, unchanged
        self.assertEqual(tmxalign.write_tmx(self.path("q.tmx"), units), 2)
        again = list(tmxalign.read_tmx(self.path("q.tmx")))
        self.assertEqual([u.variants for u in again],
                         [u.variants for u in units])

    def test_errors(self):
        with self.assertRaises(tmxalign.TmxalignError) as cm:
            tmxalign.read_tmx(self.path("none.tmx"))
        self.assertEqual(cm.exception.status, "TA_ENOENT")
        bad = os.path.join(TOP, "tests", "data", "tmx", "truncated.tmx")
        with self.assertRaises(tmxalign.TmxalignError) as cm:
            for _ in tmxalign.read_tmx(bad):
                pass
        self.assertEqual(cm.exception.status, "TA_EPARSE")
        self.assertIn("truncated.tmx", cm.exception.message)
        with self.assertRaisesRegex(ValueError, "needs tgtlang"):
            tmxalign.write_tmx(self.path("x.tmx"), [("a", "b")], srclang="fr")
        with self.assertRaisesRegex(ValueError, "inline must be one of"):
            tmxalign.read_tmx(bad, inline="xml")


class DocExample(unittest.TestCase):
    def test_python_md_example_runs(self):
        """The example of docs/python.md, run as it is written there."""
        import re
        import shutil
        with open(os.path.join(TOP, "docs", "python.md"),
                  encoding="utf-8") as f:
            code = re.search(r"```python\n(.*?)```", f.read(), re.S).group(1)
        with tempfile.TemporaryDirectory() as d:
            for lang in ("fr", "en"):
                shutil.copy(os.path.join(STORY, f"story.{lang}.txt"), d)
            env = dict(os.environ, PYTHONPATH=os.path.dirname(
                os.path.dirname(os.path.abspath(tmxalign.__file__))))
            out = subprocess.run([sys.executable, "-c", code], cwd=d,
                                 env=env, capture_output=True, text=True)
            self.assertEqual(out.returncode, 0, out.stderr)
            self.assertTrue(os.path.exists(os.path.join(d, "story.tmx")))
        self.assertIn("incomplete", out.stdout)
        self.assertIn("TA_ELANG", out.stdout)
        self.assertRegex(out.stdout, r"line \d+: ")


if __name__ == "__main__":
    unittest.main(verbosity=2)
