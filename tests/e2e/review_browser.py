#!/usr/bin/python3
"""e2e: the review page of La Parure in a real browser (headless Chromium
driven by Selenium).

Every action is performed through the page's controls (data-action) or
its keyboard shortcuts, and after each the beads the page reports
(window.tmxalignReview.beads()) are compared with a model of the action
kept here; then undo and redo, a reload (the state is kept), the
exports (TSV, JSONL, TMX, read through the JS API; the TMX validated
against the TMX 1.4b DTD), 'tmxalign align --alignment' on the exported
JSON lines (its TMX must hold the same units as the page's), and
'tmxalign review --alignment' reopening the edited alignment.

usage: review_browser.py CLI SOURCE_DIR
Exit status: 0 passed, 1 failed, 77 skipped (no Chromium, chromedriver or
Selenium: install chromium chromium-driver python3-selenium).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SKIP = 77


def skip(why):
    print(f"SKIP: {why} (install chromium chromium-driver python3-selenium)")
    sys.exit(SKIP)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver") or (
    "/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else None)
if not CHROMIUM:
    skip("no chromium on PATH")
if not DRIVER:
    skip("no chromedriver")
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
except ImportError:
    skip("no selenium module for /usr/bin/python3")

CLI, SRC = sys.argv[1], sys.argv[2]
PAIR = [os.path.join(SRC, "corpora/parure/story.fr.txt"),
        os.path.join(SRC, "corpora/parure/story.en.txt")]
LANGS = ["-s", "fr", "-t", "en"]
DTD = os.path.join(SRC, "tests/data/tmx/tmx14.dtd")
fails = passes = 0


def check(name, cond, detail=""):
    global fails, passes
    if cond:
        passes += 1
        print(f"ok   {name}")
    else:
        fails += 1
        print(f"FAIL {name}" + (f": {detail}" if detail else ""))
    return cond


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True)


# ---- the model: beads as [src list, tgt list, confirmed], the same rules
# as src/review/review.js (docs/review.md)

def up(m, k, side):
    b = m[k]
    if not b[side]:
        return False
    if k == 0:
        m.insert(0, [[], [], False])
        k = 1
    m[k - 1][side].append(b[side].pop(0))
    m[k - 1][2] = b[2] = False
    if not b[0] and not b[1]:
        del m[k]
    return True


def down(m, k, side):
    b = m[k]
    if not b[side]:
        return False
    if k == len(m) - 1:
        m.append([[], [], False])
    m[k + 1][side].insert(0, b[side].pop())
    m[k + 1][2] = b[2] = False
    if not b[0] and not b[1]:
        del m[k]
    return True


def merge_next(m, k):
    m[k][0] += m[k + 1][0]
    m[k][1] += m[k + 1][1]
    m[k][2] = False
    del m[k + 1]


def split(m, k, side, i):
    b = m[k]
    other = 1 - side
    p = b[side].index(i)
    n, on = len(b[side]), len(b[other])
    q = int(p * on / n + 0.5) if p > 0 else max(1, on // 2)
    first, second = [None, None, False], [None, None, False]
    first[side], second[side] = b[side][:p], b[side][p:]
    first[other], second[other] = b[other][:q], b[other][q:]
    m[k:k + 1] = [first, second]


def insert(m, k, side):
    b = m[k]
    if k == len(m) - 1:
        m.append([[], [], False])
    m[k + 1][side][0:0] = b[side]
    b[side] = []
    b[2] = m[k + 1][2] = False


def page_beads(d):
    return [[b["src"], b["tgt"], b["confirmed"]]
            for b in d.execute_script("return window.tmxalignReview.beads()")]


def tus(tmx_text):
    """(source seg, target seg, x-src-sentences, x-tgt-sentences) a unit."""
    root = ET.fromstring(tmx_text.encode("utf-8"))
    out = []
    for tu in root.iter("tu"):
        segs = ["".join(tuv.find("seg").itertext()) for tuv in tu.iter("tuv")]
        props = {p.get("type"): p.text for p in tu.iter("prop")}
        out.append((tuple(segs), props.get("x-src-sentences"),
                    props.get("x-tgt-sentences")))
    return out


def valid_tmx(path):
    r = subprocess.run(["xmllint", "--noout", "--nonet", "--dtdvalid", DTD,
                        path], capture_output=True, text=True)
    return r.returncode == 0, r.stderr[-600:]


def main():
    tmp = tempfile.mkdtemp(prefix="tmxalign-review-")
    try:
        return session(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def browser(tmp):
    o = webdriver.ChromeOptions()
    o.binary_location = CHROMIUM
    for a in ("--headless", "--no-sandbox", "--disable-gpu",
              "--disable-dev-shm-usage", "--no-first-run",
              "--disable-background-networking", "--disable-component-update",
              "--disable-sync", f"--user-data-dir={tmp}/profile",
              "--window-size=1300,900"):
        o.add_argument(a)
    return webdriver.Chrome(service=Service(DRIVER), options=o)


def session(tmp):
    page = os.path.join(tmp, "review.html")
    r = run("review", *PAIR, *LANGS, "-o", page)
    if not check("review writes the page", r.returncode == 0, r.stderr):
        return 1
    html = open(page, encoding="utf-8").read()
    check("the page names no http(s) URL", "http://" not in html and
          "https://" not in html)
    r = run("align", *PAIR, *LANGS, "-f", "jsonl")
    computed = [[j["source"]["sentences"], j["target"]["sentences"], False]
                for j in map(json.loads, r.stdout.splitlines())]

    d = browser(tmp)
    try:
        d.set_script_timeout(20)
        d.get("file://" + page)
        api = "window.tmxalignReview"
        beads = lambda: page_beads(d)  # noqa: E731
        m = json.loads(json.dumps(computed))
        check("the page has the computed alignment", beads() == computed,
              f"{len(beads())} beads against {len(computed)}")
        rows = d.find_elements(By.CSS_SELECTOR, "#ta-rows tr[data-bead]")
        check("one row a bead, data-bead in order",
              [int(r.get_attribute("data-bead")) for r in rows]
              == list(range(len(computed))))
        check("paragraph breaks are shown",
              len(d.find_elements(By.CSS_SELECTOR, "td.pb")) > 20)
        check("weak beads are coloured",
              len(d.find_elements(By.CSS_SELECTOR, "tr.weak, tr.mid")) >= 1)
        progress = lambda: d.find_element(By.ID, "ta-progress").text  # noqa
        check("progress line", progress() == f"0 / {len(m)} confirmed",
              progress())

        def click(css):
            """A real click, the element first scrolled clear of the
            sticky toolbar."""
            el = d.find_element(By.CSS_SELECTOR, css)
            d.execute_script("arguments[0].scrollIntoView({block: 'center'})",
                             el)
            el.click()

        def row(k):
            click(f'tr[data-bead="{k}"] td.n')

        def sentence(side, i):
            click(f'span.s[data-side="{side}"][data-i="{i}"]')

        def action(name):
            click(f'button[data-action="{name}"]')

        history = [json.loads(json.dumps(m))]

        def same(name):
            history.append(json.loads(json.dumps(m)))
            return check(name, beads() == m,
                         f"page {beads()[:3]}... model {m[:3]}...")

        # pick 1-1 rows well apart so that actions do not meet
        ones = [k for k, b in enumerate(m) if len(b[0]) == 1 and len(b[1]) == 1]
        r1, r2, r3, r4, r5, r6, r7 = (ones[i] for i in (10, 25, 40, 55, 70,
                                                         85, 100))
        row(r1); action("src-up"); up(m, r1, 0); same("src-up")
        action("undo")
        check("undo", beads() == history[-2])
        action("redo")
        check("redo", beads() == m)
        row(r2); action("src-down"); down(m, r2, 0); same("src-down")
        row(r3); action("tgt-up"); up(m, r3, 1); same("tgt-up")
        row(r4); action("tgt-down"); down(m, r4, 1); same("tgt-down")
        row(r5); action("merge-next"); merge_next(m, r5); same("merge-next")
        second_tgt = m[r5][1][1]
        sentence("tgt", second_tgt); action("split")
        split(m, r5, 1, second_tgt); same("split where clicked")
        row(r6); action("insert-src"); insert(m, r6, 0)
        same("insert-src: an empty source cell (0-1 row)")
        check("the row is 0-1", not m[r6][0] and m[r6][1])
        row(r7); action("insert-tgt"); insert(m, r7, 1)
        same("insert-tgt: an empty target cell (1-0 row)")
        row(2); action("confirm"); m[2][2] = True; same("confirm")
        check("progress counts it", progress() == f"1 / {len(m)} confirmed",
              progress())
        box = d.find_element(By.ID, "ta-threshold")
        box.clear(); box.send_keys("0.96")
        action("confirm-above")
        scores = d.execute_script(f"return {api}.beads().map(b => b.score)")
        for k, s in enumerate(scores):
            if s is not None and s >= 0.96:
                m[k][2] = True
        same("confirm all rows scoring >= 0.96")
        check("some rows were confirmed by score",
              sum(b[2] for b in m) > 10, str(sum(b[2] for b in m)))
        # edit a target sentence: click it, edit, type, Enter
        et = m[3][1][0]
        sentence("tgt", et); action("edit")
        ta = d.find_element(By.CSS_SELECTOR, "textarea.ta-edit")
        ta.send_keys(Keys.CONTROL, "a")
        edited = 'Edited <b>&amp; "quoted" \u00e9'
        ta.send_keys(edited); ta.send_keys(Keys.ENTER)
        same("edit keeps the beads")
        span = d.find_element(By.CSS_SELECTOR,
                              f'span.s[data-side="tgt"][data-i="{et}"]')
        check("edited text shown", span.text == edited, span.text)
        check("original kept", len(d.find_elements(By.CSS_SELECTOR,
                                                   "span.orig")) == 1)
        # undo and redo at depth
        for n in range(1, 4):
            action("undo")
            check(f"undo {n}", beads() == history[-1 - n])
        for n in (2, 1, 0):
            action("redo")
            check(f"redo back to {len(history) - 1 - n}",
                  beads() == history[-1 - n])
        # filters
        d.find_element(By.CSS_SELECTOR,
                       'input[data-action="filter-weakest"]').click()
        first = d.find_element(By.CSS_SELECTOR, "#ta-rows tbody tr")
        known = [s for s in scores if s is not None]
        shown = first.find_element(By.CSS_SELECTOR, "td.sc").text
        check("weakest first: a changed row or the lowest score on top",
              shown.startswith("changed") or
              shown.startswith(f"{min(known):.2f}"), shown)
        d.find_element(By.CSS_SELECTOR,
                       'input[data-action="filter-weakest"]').click()
        d.find_element(By.CSS_SELECTOR,
                       'input[data-action="filter-unconfirmed"]').click()
        n_rows = len(d.find_elements(By.CSS_SELECTOR, "#ta-rows tr[data-bead]"))
        check("not yet confirmed: confirmed rows hidden",
              n_rows == sum(not b[2] for b in m), str(n_rows))
        d.find_element(By.CSS_SELECTOR,
                       'input[data-action="filter-unconfirmed"]').click()

        # a reload keeps the state
        d.refresh()
        check("reload keeps the beads and confirmations", beads() == m)
        span = d.find_element(By.CSS_SELECTOR,
                              f'span.s[data-side="tgt"][data-i="{et}"]')
        check("reload keeps the edit", span.text == edited, span.text)

        # exports, read through the API
        tsv = d.execute_script(f"return {api}.exportTSV()")
        jsonl = d.execute_script(f"return {api}.exportJSONL()")
        tmx = d.execute_script(f"return {api}.exportTMX()")
        tmxc = d.execute_script(
            f"return {api}.exportTMX({{confirmedOnly: true}})")
        lines = tsv.splitlines()
        check("TSV: a line a bead", len(lines) == len(m))
        check("TSV: the edit, the confirmations",
              edited in lines[3] and
              [ln.split("\t")[3] for ln in lines] ==
              ["1" if b[2] else "0" for b in m])
        objs = [json.loads(ln) for ln in jsonl.splitlines()]
        check("JSONL: the beads", [[o["src"], o["tgt"], o["confirmed"]]
                                   for o in objs] == m)
        check("JSONL: the edit", objs[3].get("edits") ==
              {"tgt": {str(et): edited}}, str(objs[3]))
        for name, text in (("page.tmx", tmx), ("confirmed.tmx", tmxc)):
            path = os.path.join(tmp, name)
            open(path, "w", encoding="utf-8").write(text)
            ok, err = valid_tmx(path)
            check(f"{name} is valid TMX 1.4b (xmllint --dtdvalid)", ok, err)
            # and read alike by translate-toolkit and Perl XML::TMX, when
            # they are installed (exit 3: a consumer is missing)
            r = subprocess.run(["bash", os.path.join(SRC, "tests/tmx_validate.sh"),
                                path], capture_output=True, text=True)
            if r.returncode != 3:
                check(f"{name}: tests/tmx_validate.sh", r.returncode == 0,
                      (r.stdout + r.stderr)[-600:])
        both = [b for b in m if b[0] and b[1]]
        check("TMX: a unit a row with both sides", len(tus(tmx)) == len(both))
        check("TMX, confirmed only", len(tus(tmxc)) ==
              sum(1 for b in both if b[2]))

        # the exported alignment through the CLI
        jpath = os.path.join(tmp, "exported.jsonl")
        open(jpath, "w", encoding="utf-8").write(jsonl)
        mpath = os.path.join(tmp, "m.tmx")
        r = run("align", *PAIR, *LANGS, "--alignment", jpath, "-o", mpath)
        check("align --alignment exported.jsonl", r.returncode == 0, r.stderr)
        if r.returncode == 0:
            cli_tus = tus(open(mpath, encoding="utf-8").read())
            check("its TMX has the page's units, edit included",
                  cli_tus == tus(tmx),
                  f"{len(cli_tus)} units against {len(tus(tmx))}")
            check("the edited text is in it",
                  any(edited in seg for u in cli_tus for seg in u[0]))
        r = run("align", *PAIR, *LANGS, "--alignment", jpath, "-f", "beads")
        got = [ln.split(":")[:2] for ln in r.stdout.splitlines()]
        check("align --alignment -f beads: the edited beads",
              got == [[json.dumps(b[0]), json.dumps(b[1])] for b in m],
              r.stderr + str(got[:3]))

        # reopening the edited alignment
        page2 = os.path.join(tmp, "review2.html")
        r = run("review", *PAIR, *LANGS, "--alignment", jpath, "-o", page2)
        check("review --alignment reopens it", r.returncode == 0, r.stderr)
        d.get("file://" + page2)
        check("the reopened page has the edited beads and confirmations",
              beads() == m)
        check("and the same JSON lines",
              d.execute_script(f"return {api}.exportJSONL()") == jsonl)

        # keyboard shortcuts, from the computed alignment
        d.get("file://" + page)
        d.execute_script(f"{api}.reset()")
        m = [list(map(list, b[:2])) + [False] for b in computed]
        body = d.find_element(By.TAG_NAME, "body")
        check("reset: the computed alignment again", beads() == m,
              str([(k, a, b) for k, (a, b) in enumerate(zip(beads(), m))
                   if a != b][:3]) + f" {len(beads())} {len(m)}")
        body.send_keys("j")
        body.send_keys(Keys.ARROW_DOWN)
        check("j and Down select the next rows",
              d.execute_script(f"return {api}.selected()") == 2)
        body.send_keys("k")
        check("k selects the previous row",
              d.execute_script(f"return {api}.selected()") == 1)
        body.send_keys("m"); merge_next(m, 1)
        check("m merges with the next", beads() == m)
        body.send_keys("z")
        check("z undoes", beads() == computed)
        body.send_keys("y")
        check("y redoes", beads() == m)
        body.send_keys(Keys.CONTROL, "z")
        check("Ctrl+Z undoes", beads() == computed)
        m = [list(map(list, b[:2])) + [False] for b in computed]
        body.send_keys("c"); m[1][2] = True
        check("c confirms", beads() == m)
        body.send_keys("q"); up(m, 1, 0)
        check("q: source up", beads() == m)
        body.send_keys("l"); down(m, 1, 1)
        check("l: target down", beads() == m)

        # the edges: the first and last rows, a split with no sentence
        # picked, an edit back to the original, a confirmation taken back
        d.execute_script(f"{api}.reset()")
        m = json.loads(json.dumps(computed))
        row(0); action("src-up"); up(m, 0, 0)
        check("src-up on the first row makes a row before it", beads() == m,
              str(beads()[:2]))
        last = len(m) - 1
        d.execute_script(f"{api}.select({last})")
        action("tgt-down"); down(m, last, 1)
        check("tgt-down on the last row makes a row after it", beads() == m,
              str(beads()[-2:]))
        big = next(k for k, b in enumerate(m) if len(b[0]) + len(b[1]) >= 3)
        d.execute_script(f"{api}.select({big})")
        action("split")
        b = m[big]
        side = 0 if len(b[0]) >= len(b[1]) else 1
        split(m, big, side, b[side][len(b[side]) // 2])
        check("split with no sentence picked: in the middle", beads() == m,
              str(beads()[big:big + 2]))
        t0 = m[5][1][0]
        original = d.find_element(
            By.CSS_SELECTOR, f'span.s[data-side="tgt"][data-i="{t0}"]').text
        for text in ("Changed.", original):
            sentence("tgt", t0); action("edit")
            ta = d.find_element(By.CSS_SELECTOR, "textarea.ta-edit")
            ta.send_keys(Keys.CONTROL, "a"); ta.send_keys(text, Keys.ENTER)
        check("an edit back to the original is no edit",
              "edits" not in d.execute_script(f"return {api}.exportJSONL()"))
        sentence("tgt", t0); action("edit")
        ta = d.find_element(By.CSS_SELECTOR, "textarea.ta-edit")
        ta.send_keys(Keys.CONTROL, "a"); ta.send_keys("Not kept.", Keys.ESCAPE)
        check("Esc cancels an edit",
              "edits" not in d.execute_script(f"return {api}.exportJSONL()")
              and not d.find_elements(By.CSS_SELECTOR, "textarea.ta-edit"))
        row(7); action("confirm"); action("confirm")
        check("confirm twice takes it back", beads() == m)
        check("undo history", d.execute_script(f"return {api}.canUndo()"))
    finally:
        d.quit()
    print(f"review_browser: {passes} passed, {fails} failed")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
