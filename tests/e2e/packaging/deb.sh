#!/usr/bin/env bash
# cpack -G DEB makes tmxalign, tmxalign-dev and python3-tmxalign with
# dependencies found by dpkg-shlibdeps; unpacked with dpkg -x into a fresh
# root, the program runs, every man page renders, a C program builds
# against the library with pkg-config and with find_package(tmxalign)
# (shared and static), the Python module imports and aligns, and the
# completion registers.  Slow (about a minute): ctest label "packaging".
# usage: tests/e2e/packaging/deb.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd); top=$2
for tool in cpack dpkg-deb dpkg-shlibdeps file man pkg-config cc cmake; do
  command -v "$tool" > /dev/null || { echo "deb: $tool not installed"; exit 77; }
done
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "deb: $*"; exit 1; }
version=$("$build/tmxalign" --version | awk '{print $2}')

# ---- the packages
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/out" > "$tmp/cpack.log" 2>&1 ||
  { cat "$tmp/cpack.log"; fail "cpack failed"; }
arch=$(dpkg --print-architecture)
main=$tmp/out/tmxalign_${version}_$arch.deb
dev=$tmp/out/tmxalign-dev_${version}_$arch.deb
py=$tmp/out/python3-tmxalign_${version}_all.deb
for deb in "$main" "$dev" "$py"; do
  [ -f "$deb" ] || { ls "$tmp/out"; fail "no $(basename "$deb")"; }
done
field() { dpkg-deb -f "$1" "$2"; }
deps=$(field "$main" Depends)
# dpkg-shlibdeps: the shared library's and the program's libraries
for lib in libc6 libicu libxml2 zlib1g; do
  [[ $deps == *"$lib"* ]] || fail "tmxalign Depends lacks $lib: $deps"
done
[[ $(field "$dev" Depends) == *"tmxalign (= $version)"* ]] ||
  fail "tmxalign-dev Depends: $(field "$dev" Depends)"
[[ $(field "$dev" Depends) == *libicu-dev* ]] || fail "tmxalign-dev lacks libicu-dev"
[[ $(field "$py" Depends) == *python3* && $(field "$py" Depends) == *"tmxalign (= $version)"* ]] ||
  fail "python3-tmxalign Depends: $(field "$py" Depends)"
dpkg-deb -I "$main" shlibs | grep -q "^libtmxalign 0.2 tmxalign (>= $version)" ||
  fail "no shlibs entry for libtmxalign.so.0.2"
dpkg-deb -I "$main" postinst | grep -q ldconfig || fail "no ldconfig in postinst"
contents() { dpkg-deb -c "$1" | awk '{print $6}' | sed 's|^\./|/|'; }
contents "$main" > "$tmp/main.list"; contents "$dev" > "$tmp/dev.list"
contents "$py" > "$tmp/py.list"
has() { grep -Eq "$2" "$tmp/$1.list" || fail "$1 package lacks $2"; }
has main '^/usr/bin/tmxalign$'; has main '/libtmxalign\.so\.0\.2(\.0)?$'
has main '^/usr/share/man/man1/tmxalign-align\.1\.gz$'
has main '^/usr/share/bash-completion/completions/tmxalign$'
has dev '^/usr/include/tmxalign/tmxalign\.h$'; has dev '/libtmxalign\.a$'
has dev '/libtmxalign\.so$'; has dev '/pkgconfig/tmxalign\.pc$'
has dev '/cmake/tmxalign/tmxalignConfig\.cmake$'; has dev '/man3/tmxalign\.3\.gz$'
has py '/python3/dist-packages/tmxalign/__init__\.py$'
if grep -q '/include/' "$tmp/main.list"; then fail "headers in the runtime package"; fi
# apt resolves the dependencies (a simulation: nothing is installed)
if command -v apt-get > /dev/null; then
  apt-get install -s "$main" "$dev" "$py" > "$tmp/apt.log" 2>&1 ||
    { cat "$tmp/apt.log"; fail "apt-get cannot install the packages"; }
  grep -q '^Inst tmxalign ' "$tmp/apt.log" || { cat "$tmp/apt.log"; fail "apt-get would not install tmxalign"; }
fi
echo "deb: $(basename "$main") $(basename "$dev") $(basename "$py"); Depends: $deps"

# ---- unpacked into a fresh root
root=$tmp/root
for deb in "$main" "$dev" "$py"; do dpkg -x "$deb" "$root"; done
libdir=$(dirname "$(find "$root" -name 'libtmxalign.so.0.2' | head -1)")
export LD_LIBRARY_PATH=$libdir
out=$("$root/usr/bin/tmxalign" --version)
[ "$out" = "tmxalign $version" ] || fail "--version: $out"
# the program is self-contained (static library): no libtmxalign needed
if env -u LD_LIBRARY_PATH ldd "$root/usr/bin/tmxalign" | grep -q libtmxalign; then
  fail "the program needs libtmxalign.so"
fi
pages=0
for page in "$root"/usr/share/man/man1/*.1.gz "$root"/usr/share/man/man3/*.3.gz; do
  text=$(MANWIDTH=80 man -l "$page" 2> "$tmp/man.err" | head -20)
  [ -n "$text" ] && grep -q NAME <<<"$text" || fail "man -l $page: empty"
  [ -s "$tmp/man.err" ] && { cat "$tmp/man.err"; fail "man -l $page: warnings"; }
  pages=$((pages + 1))
done
# tmxalign(1), one page a command of 'tmxalign --help', and tmxalign(3)
commands=$("$build/tmxalign" --help | awk '/^commands:/ { f = 1; next }
  f && /^  [a-z]/ { n++ } f && /^$/ { f = 0 } END { print n }')
[ $pages = $((commands + 2)) ] || fail "$pages man pages, want $((commands + 2))"
MANWIDTH=80 man -l "$root/usr/share/man/man1/tmxalign-check.1.gz" | grep -q -- '--min-coverage' ||
  fail "tmxalign-check(1) lacks --min-coverage"

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
  else fprintf(stderr, "%s\n", err.message);
  ta_alignment_free(al);
  ta_doc_free(a);
  ta_doc_free(b);
  return st;
}
C
# pkg-config, from the unpacked tree (the .pc file is relocatable)
export PKG_CONFIG_PATH=$(dirname "$(find "$root" -name tmxalign.pc)")
[ "$(pkg-config --modversion tmxalign)" = "$version" ] || fail "pkg-config --modversion"
cc "$tmp/use.c" $(pkg-config --cflags --libs tmxalign) -o "$tmp/use-pc"
[ "$("$tmp/use-pc")" = "$version 2" ] || fail "pkg-config program: $("$tmp/use-pc")"
cc -static-libgcc "$tmp/use.c" $(pkg-config --cflags tmxalign) \
  "$libdir/libtmxalign.a" $(pkg-config --static --libs-only-l tmxalign | sed 's/-ltmxalign//') \
  -lm -lpthread -o "$tmp/use-pc-static" 2> "$tmp/static.log" || { cat "$tmp/static.log"; fail "static link with pkg-config --static"; }
[ "$(env -u LD_LIBRARY_PATH "$tmp/use-pc-static")" = "$version 2" ] || fail "static pkg-config program"

# find_package(tmxalign), shared and static
mkdir -p "$tmp/proj"
cp "$tmp/use.c" "$tmp/proj/"
cat > "$tmp/proj/CMakeLists.txt" <<'CM'
cmake_minimum_required(VERSION 3.18)
project(use C)
find_package(tmxalign 0.2 REQUIRED CONFIG)
add_executable(use_shared use.c)
target_link_libraries(use_shared PRIVATE tmxalign::tmxalign)
add_executable(use_static use.c)
target_link_libraries(use_static PRIVATE tmxalign::tmxalign_static)
CM
cmake -S "$tmp/proj" -B "$tmp/proj/b" -DCMAKE_PREFIX_PATH="$root/usr" > "$tmp/cmake.log" 2>&1 &&
  cmake --build "$tmp/proj/b" >> "$tmp/cmake.log" 2>&1 || { cat "$tmp/cmake.log"; fail "find_package build"; }
grep -q "tmxalign_DIR:PATH=$root/usr/lib.*/cmake/tmxalign" "$tmp/proj/b/CMakeCache.txt" ||
  fail "find_package found another tmxalign: $(grep tmxalign_DIR "$tmp/proj/b/CMakeCache.txt")"
[ "$("$tmp/proj/b/use_shared")" = "$version 2" ] || fail "find_package shared program"
[ "$(env -u LD_LIBRARY_PATH "$tmp/proj/b/use_static")" = "$version 2" ] || fail "find_package static program"
if ldd "$tmp/proj/b/use_static" | grep -q libtmxalign; then fail "use_static needs libtmxalign.so"; fi
# find_package(tmxalign 0.3) must not take 0.2 (the soname changes)
sed -i 's/tmxalign 0.2 REQUIRED/tmxalign 0.3 QUIET/' "$tmp/proj/CMakeLists.txt"
cmake -S "$tmp/proj" -B "$tmp/proj/c" -DCMAKE_PREFIX_PATH="$root/usr" > "$tmp/cmake3.log" 2>&1 || true
grep -q "tmxalign_DIR:PATH=tmxalign_DIR-NOTFOUND" "$tmp/proj/c/CMakeCache.txt" || fail "0.3 accepted 0.2"

# the Python module finds the library beside it, without TMXALIGN_LIBRARY
got=$(env -u TMXALIGN_LIBRARY -u LD_LIBRARY_PATH PYTHONDONTWRITEBYTECODE=1 \
  PYTHONPATH="$root/usr/lib/python3/dist-packages" /usr/bin/python3 -c '
import tmxalign
al = tmxalign.align(["Bonjour.", "Au revoir."], ["Hello.", "Goodbye."], "fr", "en")
print(tmxalign._lib._name, len(al))')
[[ $got == "$libdir/libtmxalign.so.0.2 2" ]] || fail "python: $got"

# the completion registers
bash --norc -c 'source "$1"; complete -p tmxalign' _ \
  "$root/usr/share/bash-completion/completions/tmxalign" | grep -q _tmxalign ||
  fail "completion does not register"
echo "deb: unpacked, the program runs, $pages man pages render, pkg-config and find_package (shared, static) build, python imports, completion registers"
