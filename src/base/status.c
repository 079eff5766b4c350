/* Status codes and error records: one table (TA_STATUS_MAP) feeds the enum,
 * the messages and the names so they can never drift apart. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/base.h"

const char *ta_strerror(ta_status st) {
  switch (st) {
#define TA__STATUS_MSG(name, msg) \
  case TA_##name:                 \
    return msg;
    TA_STATUS_MAP(TA__STATUS_MSG)
#undef TA__STATUS_MSG
    default:
      return "unknown status code";
  }
}

const char *ta_status_name(ta_status st) {
  switch (st) {
#define TA__STATUS_NAME(name, msg) \
  case TA_##name:                  \
    return "TA_" #name;
    TA_STATUS_MAP(TA__STATUS_NAME)
#undef TA__STATUS_NAME
    default:
      return "TA_UNKNOWN";
  }
}

void ta_error_clear(ta_error *err) {
  if (err) {
    err->status = TA_OK;
    err->message[0] = '\0';
  }
}

ta_status ta__fail(ta_error *err, ta_status st, const char *fmt, ...) {
  if (err) {
    va_list ap;
    va_start(ap, fmt);
    err->status = st;
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
  }
  return st;
}
