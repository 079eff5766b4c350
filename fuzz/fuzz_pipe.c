/* libFuzzer harness for pipe jobs (pipe.h): any bytes are a stream of
 * JSON-lines jobs; every job must give exactly one result line starting
 * with its id, and the stream must be read to its end.  Files are refused
 * (no_paths): a fuzzer must not read the machine's files.
 * Build: cmake -B build-fuzz -DCMAKE_C_COMPILER=clang -DTA_BUILD_FUZZ=ON
 * Run:   build-fuzz/fuzz_pipe fuzz/corpus_pipe */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tmxalign/tmxalign.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!size) return 0;
  FILE *in = fmemopen((void *)data, size, "r");
  char *out = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&out, &len);
  if (!in || !fp) abort();
  ta_pipe_opts o;
  ta_pipe_opts_init(&o);
  o.no_paths = true;
  o.max_line = 1 << 16;
  o.split.max_input_bytes = 1 << 16;
  ta_pipe_stats st;
  ta_error err;
  if (ta_pipe_run(in, fp, &o, &st, &err) != TA_OK) abort();
  fclose(in);
  fclose(fp);
  size_t lines = 0;
  for (size_t i = 0; i < len; i++)
    if (out[i] == '\n') {
      lines++;
      if (i + 1 < len && strncmp(out + i + 1, "{\"id\":", 6)) abort();
    }
  if (lines != st.jobs || st.jobs != st.jobs_ok + st.jobs_failed ||
      st.jobs > st.lines || (len && strncmp(out, "{\"id\":", 6)))
    abort();
  free(out);
  return 0;
}
