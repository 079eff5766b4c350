/* Every status code has a distinct name and a message; unknown codes too. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* cmocka needs the C headers above. */
#include <cmocka.h>

#include "base/base.h"

static void names_and_messages_cover_every_code(void **state) {
  (void)state;
  for (int i = 0; i < TA_STATUS_COUNT; i++) {
    const char *name = ta_status_name((ta_status)i);
    assert_non_null(strstr(name, "TA_"));
    assert_true(strlen(ta_strerror((ta_status)i)) > 3);
    for (int j = 0; j < i; j++)
      assert_string_not_equal(name, ta_status_name((ta_status)j));
  }
  assert_string_equal(ta_status_name(TA_OK), "TA_OK");
  assert_string_equal(ta_status_name(TA_EPARSE), "TA_EPARSE");
  assert_string_equal(ta_strerror((ta_status)9999), "unknown status code");
}

static void fail_formats_message(void **state) {
  (void)state;
  ta_error err;
  ta_error_clear(&err);
  assert_int_equal(
      ta__fail(&err, TA_EPARSE, "%s: byte %zu", "a.txt", (size_t)42),
      TA_EPARSE);
  assert_int_equal(err.status, TA_EPARSE);
  assert_string_equal(err.message, "a.txt: byte 42");
  assert_int_equal(ta__fail(NULL, TA_EIO, "ignored"), TA_EIO);
}

static void version_matches_header(void **state) {
  (void)state;
  assert_int_equal(ta_version(), TA_VERSION);
  assert_string_equal(ta_version_string(), TA_VERSION_STRING);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(names_and_messages_cover_every_code),
      cmocka_unit_test(fail_formats_message),
      cmocka_unit_test(version_matches_header),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
