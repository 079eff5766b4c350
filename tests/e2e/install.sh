#!/usr/bin/env bash
# cmake --install puts the program, the libraries, the headers and a
# relocatable pkg-config file under a prefix; a program built against them
# with pkg-config aligns two documents.
set -euo pipefail
cli=$1; top=$2
build=$(dirname "$cli")
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" > /dev/null
test -x "$tmp/prefix/bin/tmxalign"
test -f "$tmp/prefix/include/tmxalign/tmxalign.h"
test -f "$tmp/prefix/include/tmxalign/version.h"
pc=$(find "$tmp/prefix" -name tmxalign.pc)
export PKG_CONFIG_PATH=$(dirname "$pc")
cat > "$tmp/use.c" <<'C'
#include <stdio.h>
#include <tmxalign/tmxalign.h>
int main(void) {
  const char *fr[] = {"Bonjour tout le monde.", "Il fait beau à Paris."};
  const char *en[] = {"Hello everyone.", "The weather is fine in Paris."};
  ta_doc *a = NULL, *b = NULL;
  ta_alignment *al = NULL;
  ta_error err;
  ta_status st = ta_doc_from_segments("fr", "fr", fr, NULL, 2, &a, &err);
  if (!st) st = ta_doc_from_segments("en", "en", en, NULL, 2, &b, &err);
  if (!st) st = ta_align(a, b, NULL, &al, &err);
  if (!st) printf("%s %zu\n", ta_version_string(), ta_alignment_count(al));
  ta_alignment_free(al);
  ta_doc_free(a);
  ta_doc_free(b);
  return st;
}
C
cc "$tmp/use.c" $(pkg-config --cflags --libs tmxalign) -Wl,-rpath,"$(pkg-config --variable=libdir tmxalign)" -o "$tmp/use"
out=$("$tmp/use")
[ "$out" = "$("$tmp/prefix/bin/tmxalign" --version | awk '{print $2}') 2" ] || { echo "got: $out"; exit 1; }
echo "install: program, libraries, headers and pkg-config work ($out)"
