#!/usr/bin/env bash
# e2e: docs/pipe.md's GNU parallel recipe across two hosts: this machine
# (':') and a second "host", an sshd the test starts on the loopback
# address 127.0.0.2 (its own host and user keys, a free port) and stops.
# The jobs file, two lines a chunk, run on both by parallel --sshlogin,
# gives the same bytes as one 'tmxalign pipe' run.  Skipped (exit 77)
# without GNU parallel or OpenSSH's sshd (Debian: parallel,
# openssh-server).
# usage: pipe_sshlogin.sh CLI SOURCE_DIR
set -u
cli="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
src="$(cd "$2" && pwd)"
sshd=/usr/sbin/sshd
if ! parallel --version 2>/dev/null | grep -q "GNU parallel" ||
   [ ! -x "$sshd" ] || ! command -v ssh >/dev/null; then
  echo "skipped: GNU parallel or OpenSSH (sshd, ssh) is not installed"
  exit 77
fi
tmp="$(mktemp -d)"
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

ssh-keygen -q -t ed25519 -N '' -f "$tmp/host_key" || exit 1
ssh-keygen -q -t ed25519 -N '' -f "$tmp/user_key" || exit 1
cp "$tmp/user_key.pub" "$tmp/authorized_keys"
chmod 600 "$tmp/authorized_keys"
mkdir -p /run/sshd 2>/dev/null  # sshd's privilege separation directory
user="$(id -un)"
# a free port: a few tries from a pseudo-random start
for try in 1 2 3 4 5; do
  port=$((20000 + (RANDOM % 20000)))
  cat >"$tmp/sshd_config" <<C
ListenAddress 127.0.0.2:$port
HostKey $tmp/host_key
AuthorizedKeysFile $tmp/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
PidFile $tmp/sshd.pid
C
  rm -f "$tmp/sshd.pid"
  "$sshd" -f "$tmp/sshd_config" -E "$tmp/sshd.log" || { cat "$tmp/sshd.log"; exit 1; }
  for _ in $(seq 50); do [ -s "$tmp/sshd.pid" ] && break; sleep 0.1; done
  pid="$(cat "$tmp/sshd.pid" 2>/dev/null)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && break
  pid=""
done
[ -n "$pid" ] || { echo "FAIL: sshd did not start"; cat "$tmp/sshd.log"; exit 1; }
ssh_cmd="ssh -i $tmp/user_key -p $port -o BatchMode=yes -o LogLevel=ERROR"
ssh_cmd+=" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null"
if ! $ssh_cmd "$user@127.0.0.2" true; then
  echo "FAIL: no ssh login on 127.0.0.2:$port"; cat "$tmp/sshd.log"; exit 1
fi

python3 - "$src" >"$tmp/jobs.jsonl" <<'PY'
import json, sys
src = sys.argv[1]
story = src + "/corpora/parure/story."
batch = src + "/tests/data/batch/parure-"
print(json.dumps({"id": "story", "src_path": story + "fr.txt",
                  "tgt_path": story + "en.txt"}))
for i in (1, 2, 3):
    print(json.dumps({"id": "part-%d" % i, "presplit": True,
                      "src_path": "%s%d.fr.txt" % (batch, i),
                      "tgt_path": "%s%d.en.txt" % (batch, i)}))
print('{"id": "broken", ')
for i in range(7):
    print(json.dumps({"id": i, "src": "Un chat. Deux chiens. %d." % i,
                      "tgt": "A cat. Two dogs. %d." % i}))
PY
"$cli" pipe -s fr -t en <"$tmp/jobs.jsonl" >"$tmp/single.jsonl" || exit 1
parallel --ssh "$ssh_cmd" -S ":,$user@127.0.0.2" --pipe -N 2 --keep-order \
  "$cli" pipe -s fr -t en <"$tmp/jobs.jsonl" >"$tmp/parallel.jsonl" \
  2>"$tmp/err" || { cat "$tmp/err"; exit 1; }
# both hosts did work: sshd logged the logins of the jobs sent there
logins=$(grep -c "Accepted publickey" "$tmp/sshd.log")
[ "$(wc -l <"$tmp/single.jsonl")" = 12 ] || { echo "FAIL: not 12 lines"; exit 1; }
if ! cmp "$tmp/single.jsonl" "$tmp/parallel.jsonl"; then
  echo "FAIL: parallel --sshlogin differs from one run"; exit 1
fi
[ "$logins" -ge 2 ] || { echo "FAIL: no job ran on 127.0.0.2 ($logins logins)"; exit 1; }
echo "ok   parallel --sshlogin :,$user@127.0.0.2 (port $port, $((logins - 1)) remote jobs) = one tmxalign pipe run"
