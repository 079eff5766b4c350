#!/bin/bash
# The documentation's links: every relative link or image in a Markdown file
# of the source tree (README.md, docs/, corpora/, tests/data/...) must point
# at a file or directory that exists, and a #fragment into a Markdown file
# at one of its headings (GitHub's anchors: lower case, punctuation dropped,
# spaces as hyphens).  Links inside code are not links; http(s) and mailto
# links are not followed.  usage: doc_links.sh CLI SOURCE_DIR
set -u
top=$2
/usr/bin/python3 - "$top" <<'PY'
import os, re, sys

top = sys.argv[1]
files = []
for d, dirs, names in os.walk(top):
    dirs[:] = sorted(x for x in dirs
                     if not x.startswith(".") and not x.startswith("build"))
    files += [os.path.join(d, n) for n in sorted(names) if n.endswith(".md")]

def lines_outside_code(path):
    fence = False
    for no, line in enumerate(open(path, encoding="utf-8"), 1):
        if line.lstrip().startswith("```"):
            fence = not fence
            continue
        if not fence and not line.startswith("    "):
            yield no, re.sub(r"`[^`]*`", "", line)

def anchors(path, cache={}):
    if path not in cache:
        seen, out = {}, set()
        fence = False
        for line in open(path, encoding="utf-8"):
            if line.lstrip().startswith("```"):
                fence = not fence
            m = None if fence else re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
            if not m:
                continue
            text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", m.group(1))
            slug = re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")
            n = seen.get(slug, 0)
            seen[slug] = n + 1
            out.add(slug if n == 0 else "%s-%d" % (slug, n))
        cache[path] = out
    return cache[path]

link = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
fails = checked = 0
for f in files:
    for no, line in lines_outside_code(f):
        for target in link.findall(line):
            if re.match(r"[a-z][a-z0-9+.-]*:", target, re.I):
                continue  # http:, https:, mailto:
            checked += 1
            path, _, frag = target.partition("#")
            dest = os.path.normpath(os.path.join(os.path.dirname(f), path)) \
                if path else f
            where = "%s:%d: %s" % (os.path.relpath(f, top), no, target)
            if not os.path.exists(dest):
                print("FAIL: %s: no such file" % where)
                fails += 1
            elif frag and dest.endswith(".md") and frag not in anchors(dest):
                print("FAIL: %s: no heading #%s there" % (where, frag))
                fails += 1
print("doc_links: %d links in %d Markdown files, %d broken"
      % (checked, len(files), fails))
sys.exit(1 if fails else 0)
PY
