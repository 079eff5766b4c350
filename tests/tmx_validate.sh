#!/usr/bin/env bash
# tests/tmx_validate.sh [-d DUMPDIR] FILE.tmx...
#
# The project's TMX check, used by the e2e and unit tests.  For each file:
#   1. xmllint: valid against tests/data/tmx/tmx14.dtd (the TMX 1.4b DTD),
#      never touching the network;
#   2. translate-toolkit (Debian's /usr/bin/python3) and Perl XML::TMX each
#      read the file and print every unit as one line
#        lang=text<TAB>lang=text...   (languages lower case and sorted,
#                                      text with \ TAB LF CR escaped)
#      and the two dumps must be identical: same units, same texts;
#   3. translate-toolkit's source (the first <tuv>) must be the variant in
#      the header srclang whenever the unit has one.
# With -d DIR the dump of FILE goes to DIR/FILE-basename.dump so that the
# caller can compare it with what it wrote.
# Exit status: 0 all files pass, 1 a check failed, 2 usage, 3 a consumer is
# missing (install libxml2-utils translate-toolkit libxml-tmx-perl).
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dtd="$here/data/tmx/tmx14.dtd"
py=/usr/bin/python3
dumpdir=""
if [ "${1:-}" = "-d" ]; then dumpdir="$2"; shift 2; fi
[ $# -ge 1 ] || { echo "usage: $0 [-d DUMPDIR] FILE.tmx..." >&2; exit 2; }

command -v xmllint >/dev/null || { echo "xmllint missing" >&2; exit 3; }
"$py" -c 'import translate.storage.tmx' 2>/dev/null ||
  { echo "translate-toolkit missing for $py" >&2; exit 3; }
perl -MXML::TMX::Reader -e 1 2>/dev/null ||
  { echo "Perl XML::TMX missing" >&2; exit 3; }

read -r -d '' PY <<'PYEOF'
import sys
from translate.storage import tmx
XL = "{http://www.w3.org/XML/1998/namespace}lang"
def esc(s):
    return (s.replace("\\", "\\\\").replace("\t", "\\t")
             .replace("\n", "\\n").replace("\r", "\\r"))
with open(sys.argv[1], "rb") as fh:
    store = tmx.tmxfile(fh)
root = store.document.getroot()
hdr = root.find("header")
src = (hdr.get("srclang") or "").lower()
bad = 0
for i, u in enumerate(store.units, 1):
    nodes = u.getlanguageNodes()
    pairs = [((n.get(XL) or n.get("lang") or "").lower(), u.getNodeText(n) or "")
             for n in nodes]
    langs = [l for l, _ in pairs]
    if src and src != "*all*" and src in langs and langs[0] != src:
        print("unit %d: first <tuv> is %s, not srclang %s" % (i, langs[0], src),
              file=sys.stderr)
        bad += 1
    if pairs and (u.source or "") != pairs[0][1]:
        print("unit %d: source is not the first <tuv>" % i, file=sys.stderr)
        bad += 1
    print("\t".join("%s=%s" % (l, esc(t)) for l, t in sorted(pairs)))
sys.exit(1 if bad else 0)
PYEOF

read -r -d '' PL <<'PLEOF'
use strict; use warnings;
use XML::TMX::Reader;
binmode(STDOUT, ":encoding(UTF-8)");
my @warn;
local $SIG{__WARN__} = sub { push @warn, $_[0] };
my $r = XML::TMX::Reader->new($ARGV[0]) or die "cannot open $ARGV[0]\n";
sub esc { my $s = shift; $s =~ s/\\/\\\\/g; $s =~ s/\t/\\t/g;
          $s =~ s/\n/\\n/g; $s =~ s/\r/\\r/g; return $s }
$r->for_tu({ -header => 0 }, sub {
  my $tu = shift;
  my @l = sort { lc($a) cmp lc($b) } grep { !/^-/ } keys %$tu;
  print join("\t", map { lc($_) . "=" . esc($tu->{$_}{-seg} // "") } @l), "\n";
});
if (@warn) { print STDERR "perl: $_" for @warn; exit 1 }
PLEOF

status=0
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for f in "$@"; do
  name="$(basename "$f")"
  if ! out="$(xmllint --nonet --noout --dtdvalid "$dtd" "$f" 2>&1)"; then
    echo "FAIL $f: not valid against tmx14.dtd:"
    printf '%s\n' "$out" | grep -v 'failed to load external entity' | head -5
    status=1
    continue
  fi
  if ! "$py" -c "$PY" "$f" >"$tmp/py" 2>"$tmp/py.err"; then
    echo "FAIL $f: translate-toolkit: $(head -3 "$tmp/py.err")"
    status=1
    continue
  fi
  if ! perl -e "$PL" "$f" >"$tmp/pl" 2>"$tmp/pl.err"; then
    echo "FAIL $f: XML::TMX: $(head -3 "$tmp/pl.err")"
    status=1
    continue
  fi
  if ! diff -u "$tmp/py" "$tmp/pl" >"$tmp/diff"; then
    echo "FAIL $f: translate-toolkit and XML::TMX read different units:"
    head -12 "$tmp/diff"
    status=1
    continue
  fi
  [ -n "$dumpdir" ] && cp "$tmp/py" "$dumpdir/$name.dump"
  echo "OK $f: units=$(wc -l <"$tmp/py")"
done
exit $status
