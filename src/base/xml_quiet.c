/* See xml_quiet.h. */
#include "base/xml_quiet.h"

#include <libxml/globals.h>

static void ignore_generic(void *user, const char *fmt, ...) {
  (void)user;
  (void)fmt;
}

void ta__xml_quiet_begin(ta__xml_quiet *q, xmlStructuredErrorFunc on_error,
                         void *user) {
  q->structured = xmlStructuredError;
  q->structured_user = xmlStructuredErrorContext;
  q->generic = xmlGenericError;
  q->generic_user = xmlGenericErrorContext;
  xmlSetStructuredErrorFunc(user, on_error);
  xmlSetGenericErrorFunc(NULL, ignore_generic);
}

void ta__xml_quiet_end(const ta__xml_quiet *q) {
  xmlSetStructuredErrorFunc(q->structured_user, q->structured);
  xmlSetGenericErrorFunc(q->generic_user, q->generic);
}
