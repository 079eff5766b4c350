/* tmxalign status codes.
 *
 * Every library function that can fail returns a ta_status and fills its
 * out-parameters only on TA_OK.  Details (file, byte offset, what was
 * expected) travel in a ta_error the caller passes in (may be NULL).
 *
 * Codes are appended, never renumbered: the X-macro below is the single
 * source of the enum, ta_strerror() and ta_status_name(). */
#ifndef TMXALIGN_STATUS_H
#define TMXALIGN_STATUS_H

#include <stddef.h>

#include "tmxalign/export.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TA_STATUS_MAP(XX)                                \
  XX(OK, "success")                                      \
  XX(ENOMEM, "out of memory")                            \
  XX(EIO, "input/output error")                          \
  XX(ENOENT, "no such file")                             \
  XX(EISDIR, "is a directory")                           \
  XX(EENCODING, "invalid or undetectable text encoding") \
  XX(EPARSE, "malformed input")                          \
  XX(ETOOBIG, "input exceeds a configured limit")        \
  XX(EINVAL, "invalid argument")                         \
  XX(ELANG, "unknown or unsupported language tag")       \
  XX(EICU, "ICU library error")                          \
  XX(EXML, "XML library error")                          \
  XX(EINTERNAL, "internal error in tmxalign (a bug: please report it)")

typedef enum ta_status {
#define TA__STATUS_ENUM(name, msg) TA_##name,
  TA_STATUS_MAP(TA__STATUS_ENUM)
#undef TA__STATUS_ENUM
      TA_STATUS_COUNT
} ta_status;

/** Static English description of st; never NULL (unknown codes included). */
TA_EXPORT const char *ta_strerror(ta_status st);

/** Static name of st such as "TA_EPARSE"; never NULL. */
TA_EXPORT const char *ta_status_name(ta_status st);

/** Error details filled by a failing call.  message is one line, lower
 * case, no final period, naming the file and byte offset where known. */
typedef struct ta_error {
  ta_status status;
  char message[512];
} ta_error;

/** Where the library's notes go: it never prints.  Notes are one line,
 * such as "a.txt: detected windows-1252 (confidence 0.62)".  A note with
 * fn NULL is silent. */
typedef void (*ta_note_fn)(void *user, const char *message);
typedef struct ta_note {
  ta_note_fn fn;
  void *user;
} ta_note;

/** Clear err (no-op on NULL). */
TA_EXPORT void ta_error_clear(ta_error *err);

#ifdef __cplusplus
}
#endif
#endif
