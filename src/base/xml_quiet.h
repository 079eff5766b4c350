/* libxml2 reports some errors (encoding conversion, input) through its
 * per-thread handlers, which print on stderr by default; the library
 * never prints.  Around a libxml2 call, these point the structured handler
 * at ours and the generic one at nothing, then restore both. */
#ifndef TMXALIGN_XML_QUIET_H
#define TMXALIGN_XML_QUIET_H

#include <libxml/xmlerror.h>

typedef struct ta__xml_quiet {
  xmlStructuredErrorFunc structured;
  void *structured_user;
  xmlGenericErrorFunc generic;
  void *generic_user;
} ta__xml_quiet;

void ta__xml_quiet_begin(ta__xml_quiet *q, xmlStructuredErrorFunc on_error,
                         void *user);
void ta__xml_quiet_end(const ta__xml_quiet *q);

#endif
