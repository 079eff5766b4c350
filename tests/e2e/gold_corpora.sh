# The hand-made gold alignments in corpora/*/gold.beads index the sentences that
# `tmxalign split` prints. This test splits each bundled corpus again and checks that the gold
# still covers every sentence exactly once, in order, and that each bead still holds the same
# text as gold.tsv. A failure means the splitter's output changed: re-index the gold with
# bench/check_beads.py reindex (see corpora/<name>/GOLD.md) and review the merges it reports.
set -eu
cli=$1
root=$2
py=/usr/bin/python3
check=$root/bench/check_beads.py
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail=0
for gold in "$root"/corpora/*/gold.beads; do
	dir=$(dirname "$gold")
	name=$(basename "$dir")
	src=$(ls "$dir"/*.fr.txt)
	tgt=$(ls "$dir"/*.en.txt)
	"$cli" split "$src" -l fr >"$tmp/$name.fr"
	"$cli" split "$tgt" -l en >"$tmp/$name.en"
	if ! "$py" "$check" check "$gold" "$tmp/$name.fr" "$tmp/$name.en"; then
		echo "FAIL $name: gold.beads does not cover the current split" >&2
		fail=1
		continue
	fi
	"$py" "$check" tsv "$gold" "$tmp/$name.fr" "$tmp/$name.en" >"$tmp/$name.tsv"
	if ! cmp -s "$tmp/$name.tsv" "$dir/gold.tsv"; then
		echo "FAIL $name: bead texts differ from gold.tsv (splitter output changed?):" >&2
		diff "$dir/gold.tsv" "$tmp/$name.tsv" | head -20 >&2 || true
		fail=1
		continue
	fi
	echo "ok $name: $(wc -l <"$gold") beads"
done
exit $fail
