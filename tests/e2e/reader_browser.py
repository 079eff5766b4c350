#!/usr/bin/python3
"""e2e: the bilingual reader page (align -f html) of La Parure in a real
browser (headless Chromium driven by Selenium).

Wide window: in every row the source and target columns stand side by
side (same top, target to the right, neither overlapping the other).
Narrow window (a phone's width): the columns are interleaved, the
translation under its source paragraph, both as wide as the page.  And
the weak beads' marking is visible (a background of their own).

usage: reader_browser.py CLI SOURCE_DIR
Exit status: 0 passed, 1 failed, 77 skipped (no Chromium, chromedriver or
Selenium: install chromium chromium-driver python3-selenium).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

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
except ImportError:
    skip("no selenium module for /usr/bin/python3")

CLI, SRC = sys.argv[1], sys.argv[2]
PAIR = [os.path.join(SRC, "corpora/parure/story.fr.txt"),
        os.path.join(SRC, "corpora/parure/story.en.txt")]
fails = 0


def check(name, cond, detail=""):
    global fails
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else f": {detail}"))
    fails += not cond


# The boxes of every row's two columns, and the style of a weak bead.
BOXES = """
return Array.from(document.querySelectorAll('div.row:not(.langs)')).map(r => {
  const s = r.querySelector('div.src').getBoundingClientRect();
  const t = r.querySelector('div.tgt').getBoundingClientRect();
  return [s.left, s.top, s.right, s.bottom, t.left, t.top, t.right, t.bottom];
});"""


def main(tmp):
    # Beads 3 and 40 given low scores: the page marks them weak.
    r = subprocess.run([CLI, "align", *PAIR, "-s", "fr", "-t", "en", "-f",
                        "jsonl"], capture_output=True, text=True, check=True)
    spans = 0  # sentences of the weak beads, both sides
    with open(os.path.join(tmp, "a.jsonl"), "w", encoding="utf-8") as f:
        for k, line in enumerate(r.stdout.splitlines()):
            b = json.loads(line)
            if k in (3, 40):
                b["score"] = 0.2
                spans += len(b["source"]["sentences"]) + len(
                    b["target"]["sentences"])
            f.write(json.dumps(b, ensure_ascii=False) + "\n")
    page = os.path.join(tmp, "book.html")
    subprocess.run([CLI, "align", *PAIR, "-s", "fr", "-t", "en",
                    "--alignment", os.path.join(tmp, "a.jsonl"), "-o", page],
                   check=True)
    o = webdriver.ChromeOptions()
    o.binary_location = CHROMIUM
    for a in ("--headless", "--no-sandbox", "--disable-gpu",
              "--disable-dev-shm-usage", "--no-first-run",
              "--disable-background-networking", "--disable-component-update",
              "--disable-sync", f"--user-data-dir={tmp}/profile"):
        o.add_argument(a)
    d = webdriver.Chrome(service=Service(DRIVER), options=o)
    try:
        d.set_window_size(1300, 900)
        d.get("file://" + page)
        wide = d.execute_script(BOXES)
        check("rows rendered", len(wide) > 100, len(wide))
        side = [b for b in wide
                if abs(b[1] - b[5]) < 1 and b[4] >= b[2] and b[2] - b[0] > 300]
        check("wide: source and target side by side in every row",
              len(side) == len(wide), f"{len(side)} of {len(wide)}")
        bg = d.execute_script(
            "const w = document.querySelectorAll('div.row span.weak');"
            "return [w.length, getComputedStyle(w[0]).backgroundColor,"
            " getComputedStyle(w[0].nextElementSibling || w[0].parentNode)"
            ".backgroundColor];")
        check("weak beads marked on both sides", bg[0] == spans, (bg, spans))
        check("weak beads have a background of their own", bg[1] != bg[2], bg)
        d.set_window_size(420, 900)
        narrow = d.execute_script(BOXES)
        width = d.execute_script("return document.body.clientWidth")
        under = [b for b in narrow
                 if b[5] >= b[3] - 1 and abs(b[0] - b[4]) < 40
                 and b[2] - b[0] > width * 0.7]
        check("narrow: each translation under its source, full width",
              len(under) == len(narrow), f"{len(under)} of {len(narrow)}")
        order = all(narrow[k][1] >= narrow[k - 1][7] - 1
                    for k in range(1, len(narrow)))
        check("narrow: the rows follow one another", order)
        langs = d.execute_script(
            "return getComputedStyle(document.querySelector('.row.langs'))"
            ".display")
        check("narrow: the column headings are hidden", langs == "none", langs)
    finally:
        d.quit()


tmp = tempfile.mkdtemp()
try:
    main(tmp)
finally:
    shutil.rmtree(tmp, ignore_errors=True)
print(f"{fails} failure(s)" if fails else "ok")
sys.exit(1 if fails else 0)
