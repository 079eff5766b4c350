#!/bin/bash
# tmxalign split on real text: sentence counts, sentences that must come out
# whole, offsets that point back at the bytes, and a lines -> presplit
# round trip.  usage: split_corpora.sh CLI SOURCE_DIR
set -u
cli=$1 src=$2
py=/usr/bin/python3
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# has FILE SENTENCE: SENTENCE is one whole output line of FILE (no-break
# spaces, as French typography puts before ? ! and inside « », read as
# plain spaces here).
nb() { sed 's/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g' "$1"; }
has() { nb "$1" | grep -qxF -- "$2" || fail "$1 lacks the sentence: $2"; }
count() { # count FILE N
  local n
  n=$(grep -c . "$1")
  [ "$n" -eq "$2" ] || fail "$1: $n sentences, expected $2"
}

article=$src/corpora/pentagon/article.fr.txt
"$cli" split "$article" -l fr > "$tmp/article" || fail "split article"
count "$tmp/article" 18
has "$tmp/article" "“Nous comprenons parfaitement qui est derrière cela”, a déclaré à la presse le porte-parole du Kremlin, Dmitri Peskov."
has "$tmp/article" "Austin a « souligné l’importance de maintenir des lignes de communication dans le cadre de la guerre en cours entre la Russie et l’Ukraine », a déclaré le porte-parole du Pentagone, Pat Ryder, lors de la lecture de l’appel."
has "$tmp/article" "« Ne vous y trompez pas : les partenaires de l’Ukraine dans le monde entier la soutiennent », a-t-il déclaré."
has "$tmp/article" "Le MOD a également accusé les États-Unis d’aider les Ukrainiens à choisir des cibles pour les frappes de missiles."
# 12 paragraphs: 11 blank lines between them in the lines format.
[ "$(grep -c '^$' "$tmp/article")" -eq 11 ] || fail "article: paragraph count"

fr=$src/tests/data/split/fr_story.txt
"$cli" split "$fr" -l fr > "$tmp/fr" || fail "split fr story"
count "$tmp/fr" 232
has "$tmp/fr" "— Le ministre de l’Instruction publique et Mme Georges Ramponneau prient M. et Mme Loisel de leur faire l’honneur de venir passer la soirée à l’hôtel du ministère, le lundi 18 janvier."
has "$tmp/fr" "— Qu’as-tu ? qu’as-tu ?"
nb "$tmp/fr" | grep -qF "« Ah ! le bon pot-au-feu ! je ne sais rien de meilleur que cela... » elle songeait aux dîners fins" ||
  fail "fr story: the pot-au-feu sentence is cut"

en=$src/tests/data/split/en_story.txt
"$cli" split "$en" -l en > "$tmp/en" || fail "split en story"
count "$tmp/en" 227
has "$tmp/en" "The Minister of Public Instruction and Madame Georges Ramponneau request the honor of M. and Madame Loisel's company at the palace of the Ministry on Monday evening, January 18th."

# Offsets: the original bytes at [offset, end), whitespace-collapsed, are the
# sentence text; line is the line of offset.
for f in "$article" "$fr" "$en"; do
  lang=fr; case $f in *en_story*) lang=en ;; esac
  "$cli" split "$f" -l $lang --format jsonl > "$tmp/j" || fail "jsonl $f"
  "$py" - "$f" "$tmp/j" <<'PY' || fail "offsets of $f"
import json, re, sys
data = open(sys.argv[1], 'rb').read()
bad = 0
for line in open(sys.argv[2], encoding='utf-8'):
    s = json.loads(line)
    raw = data[s['offset']:s['end']].decode('utf-8')
    if re.sub(r'[ \t\r\n\v\f]+', ' ', raw) != s['text'] or \
       data[:s['offset']].count(b'\n') + 1 != s['line']:
        bad += 1
        print('mismatch:', s)
sys.exit(1 if bad else 0)
PY
done

# JSON array form parses and has the same sentences.
"$cli" split "$article" -l fr --format json > "$tmp/json" || fail "json"
"$py" -c 'import json,sys; a=json.load(open(sys.argv[1])); sys.exit(0 if len(a)==18 and a[0]["paragraph"]==0 and a[-1]["paragraph"]==11 else 1)' "$tmp/json" ||
  fail "json array"

# Round trip: lines output read back as presplit gives the same sentences
# and paragraphs.
"$cli" split "$tmp/fr" -l fr --presplit > "$tmp/fr2" || fail "presplit"
cmp -s "$tmp/fr" "$tmp/fr2" || fail "lines -> presplit round trip differs"

# HTML by extension: blocks become paragraphs, script/style/nav skipped.
"$cli" split "$src/tests/data/split/page.html" -l fr > "$tmp/html" || fail "html"
has "$tmp/html" "Le titre & la page"
has "$tmp/html" "M. Dupont arrive !"
grep -q "Ne pas lire\|Accueil\|Activez\|color" "$tmp/html" && fail "html: skipped element leaked"
count "$tmp/html" 13

[ $fails -eq 0 ] && echo "split_corpora: all checks passed"
exit $((fails > 0))
