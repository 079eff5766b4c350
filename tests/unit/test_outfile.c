/* Atomic outputs and their guard: an output never replaces an input, a
 * replaced file keeps its mode, a name at NAME_MAX still gets a
 * temporary beside it, and the temporaries of open outputs can be removed
 * from a signal handler. */
#define _XOPEN_SOURCE 700
// clang-format off
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
// clang-format on

#include "tmxalign/tmxalign.h"

static char dir[64];

static int setup(void **state) {
  (void)state;
  strcpy(dir, "/tmp/ta-outfile-XXXXXX");
  return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
  return system(cmd) == 0 ? 0 : -1;
}

static const char *in_dir(const char *name) {
  static char buf[4][512];
  static int k;
  k = (k + 1) % 4;
  snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
  return buf[k];
}

static void spit(const char *path, const char *text) {
  FILE *fp = fopen(path, "w");
  assert_non_null(fp);
  fputs(text, fp);
  fclose(fp);
}

static void write_all(const char *path, const char *text) {
  ta_outfile *f = NULL;
  ta_error err;
  assert_int_equal(ta_outfile_open(path, &f, &err), TA_OK);
  fputs(text, ta_outfile_fp(f));
  assert_int_equal(ta_outfile_commit(f, &err), TA_OK);
}

/* Files in dir whose name contains part. */
static int count_named(const char *part) {
  DIR *d = opendir(dir);
  int n = 0;
  for (struct dirent *e; (e = readdir(d));)
    if (strstr(e->d_name, part)) n++;
  closedir(d);
  return n;
}

static void output_that_is_an_input_is_refused(void **state) {
  (void)state;
  char *src = strdup(in_dir("a.fr.txt")), *tgt = strdup(in_dir("a.en.txt"));
  spit(src, "Bonjour.\n");
  spit(tgt, "Hello.\n");
  const char *inputs[] = {src, tgt};
  ta_error err;
  assert_int_equal(ta_outfile_check(src, inputs, 2, &err), TA_EINVAL);
  assert_non_null(strstr(err.message, "a.fr.txt: is also"));
  /* the same file by another name: ./, .., a hard link */
  char other[600];
  snprintf(other, sizeof other, "%s/../%s/./a.en.txt", dir,
           strrchr(dir, '/') + 1);
  assert_int_equal(ta_outfile_check(other, inputs, 2, &err), TA_EINVAL);
  const char *link_name = in_dir("link.txt");
  assert_int_equal(link(src, link_name), 0);
  assert_int_equal(ta_outfile_check(link_name, inputs, 2, &err), TA_EINVAL);
  /* two outputs of one run that do not exist yet */
  const char *outs[] = {in_dir("x.tmx")};
  char same[600];
  snprintf(same, sizeof same, "%s/./x.tmx", dir);
  assert_int_equal(ta_outfile_check(same, outs, 1, &err), TA_EINVAL);
  /* what is allowed: another name, standard output, a device */
  assert_int_equal(ta_outfile_check(in_dir("a.tmx"), inputs, 2, &err), TA_OK);
  assert_int_equal(ta_outfile_check("-", inputs, 2, &err), TA_OK);
  const char *devnull[] = {"/dev/null"};
  assert_int_equal(ta_outfile_check("/dev/null", devnull, 1, &err), TA_OK);
  /* and the source is as it was */
  FILE *fp = fopen(src, "r");
  char line[32] = "";
  assert_non_null(fgets(line, sizeof line, fp));
  fclose(fp);
  assert_string_equal(line, "Bonjour.\n");
  free(src);
  free(tgt);
}

static void replaced_file_keeps_its_mode(void **state) {
  (void)state;
  const char *path = in_dir("private.tmx");
  spit(path, "old\n");
  assert_int_equal(chmod(path, 0600), 0);
  write_all(path, "new\n");
  struct stat sb;
  assert_int_equal(stat(path, &sb), 0);
  assert_int_equal(sb.st_mode & 07777, 0600);
  assert_int_equal(chmod(path, 0640), 0);
  write_all(path, "newer\n");
  assert_int_equal(stat(path, &sb), 0);
  assert_int_equal(sb.st_mode & 07777, 0640);
}

static void name_at_name_max_gets_a_temporary(void **state) {
  (void)state;
  char name[256];
  memset(name, 'n', 250);
  strcpy(name + 250, ".tmx"); /* 254 bytes: no room for ".tmp-XXXXXX" */
  const char *path = in_dir(name);
  write_all(path, "content\n");
  struct stat sb;
  assert_int_equal(stat(path, &sb), 0);
  assert_int_equal(sb.st_size, 8);
  assert_int_equal(count_named(".tmxalign-"), 0);
}

static void temporaries_removed_on_request(void **state) {
  (void)state;
  const char *a = in_dir("one.tmx"), *b = in_dir("two.tmx");
  spit(a, "kept\n");
  ta_outfile *fa = NULL, *fb = NULL;
  ta_error err;
  assert_int_equal(ta_outfile_open(a, &fa, &err), TA_OK);
  assert_int_equal(ta_outfile_open(b, &fb, &err), TA_OK);
  fputs("half", ta_outfile_fp(fa));
  assert_int_equal(count_named(".tmp-"), 2);
  ta_outfile_remove_temporaries(); /* what a SIGTERM handler calls */
  assert_int_equal(count_named(".tmp-"), 0);
  ta_outfile_abort(fa);
  ta_outfile_abort(fb);
  /* the old file is untouched, the new one never appeared */
  FILE *fp = fopen(a, "r");
  char line[16] = "";
  assert_non_null(fgets(line, sizeof line, fp));
  fclose(fp);
  assert_string_equal(line, "kept\n");
  assert_int_equal(access(b, F_OK), -1);
}

static ta_status write_hello(FILE *fp, void *user, ta_error *err) {
  (void)err;
  fputs("hello\n", fp);
  return user ? *(ta_status *)user : TA_OK;
}

static void write_in_one_call(void **state) {
  (void)state;
  const char *a = in_dir("w.txt");
  spit(a, "old\n");
  ta_error err;
  ta_status fail = TA_EPARSE;
  /* the writer fails: the old file stays, no temporary is left */
  assert_int_equal(ta_outfile_write(a, write_hello, &fail, &err), TA_EPARSE);
  assert_int_equal(count_named(".tmp-"), 0);
  char line[16] = "";
  FILE *fp = fopen(a, "r");
  assert_non_null(fgets(line, sizeof line, fp));
  fclose(fp);
  assert_string_equal(line, "old\n");
  /* it succeeds: the new content is in place */
  assert_int_equal(ta_outfile_write(a, write_hello, NULL, &err), TA_OK);
  fp = fopen(a, "r");
  assert_non_null(fgets(line, sizeof line, fp));
  fclose(fp);
  assert_string_equal(line, "hello\n");
  assert_int_equal(ta_outfile_write(a, NULL, NULL, &err), TA_EINVAL);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(output_that_is_an_input_is_refused),
      cmocka_unit_test(replaced_file_keeps_its_mode),
      cmocka_unit_test(name_at_name_max_gets_a_temporary),
      cmocka_unit_test(temporaries_removed_on_request),
      cmocka_unit_test(write_in_one_call),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
