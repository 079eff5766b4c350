#!/usr/bin/env python3
"""e2e: docs/pipe.md's Dask recipe, run for real: a LocalCluster of two
worker processes on 127.0.0.1 maps partitions of job lines through
`tmxalign pipe`, and the records, put back in input order, are the bytes
one `tmxalign pipe` run writes.  A bad line in a partition gives its error
record and the partition goes on.  Skipped (exit 77) without Debian's
python3-distributed.
usage: pipe_dask.py CLI SOURCE_DIR"""
import json
import os
import subprocess
import sys
import tempfile

try:
    import dask.bag as db
    from distributed import Client, LocalCluster
except ImportError:
    print("skipped: python3-distributed (Dask) is not installed")
    sys.exit(77)

cli = os.path.abspath(sys.argv[1])
src = os.path.abspath(sys.argv[2])
story = src + "/corpora/parure/story."
batch = src + "/tests/data/batch/parure-"


def jobs():
    yield json.dumps({"id": "story", "src_path": story + "fr.txt",
                      "tgt_path": story + "en.txt"})
    for i in (1, 2, 3):
        yield json.dumps({"id": "part-%d" % i, "presplit": True,
                          "src_path": "%s%d.fr.txt" % (batch, i),
                          "tgt_path": "%s%d.en.txt" % (batch, i)})
    yield '{"id": "broken", '
    for i in range(12):
        yield json.dumps({"id": i, "src": "Un chat. Deux chiens. %d." % i,
                          "tgt": "A cat. Two dogs. %d." % i})


# The recipe of docs/pipe.md, as a user writes it.
def run_partition(lines, cli=cli):
    """One `tmxalign pipe` per partition: lines in, one record a line out."""
    out = subprocess.run([cli, "pipe", "-s", "fr", "-t", "en"],
                         input="".join(l + "\n" for l in lines),
                         capture_output=True, text=True, check=True)
    return out.stdout.splitlines()


def main():
    lines = list(jobs())
    single = run_partition(lines)
    with tempfile.TemporaryDirectory() as tmp:
        cluster = LocalCluster(n_workers=2, threads_per_worker=1,
                               processes=True, host="127.0.0.1",
                               dashboard_address=None,
                               local_directory=tmp)
        with cluster, Client(cluster) as client:
            assert len(client.scheduler_info()["workers"]) == 2
            bag = db.from_sequence(lines, npartitions=4)
            records = bag.map_partitions(run_partition).compute()
    if len(records) != len(lines):
        sys.exit(f"FAIL: {len(records)} records for {len(lines)} jobs")
    # bags keep partition order: the records are in input order
    if records != single:
        sys.exit("FAIL: the Dask records differ from one tmxalign pipe run")
    parsed = [json.loads(r) for r in records]
    errors = [r for r in parsed if "error" in r]
    if len(errors) != 1 or "bad JSON" not in errors[0]["error"]:
        sys.exit(f"FAIL: expected one bad-JSON error record, got {errors}")
    if parsed[0]["id"] != "story" or not parsed[0].get("beads"):
        sys.exit("FAIL: the story's record has no beads")
    print(f"ok   Dask LocalCluster (2 workers, 4 partitions): {len(records)} "
          "records = one tmxalign pipe run")


if __name__ == "__main__":
    main()
