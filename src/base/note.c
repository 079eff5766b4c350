/* Notes: the library never prints; what a user should hear about (an
 * encoding guessed, a sentence cut, a lexicon learned) goes to the
 * caller's ta_note.  One formatter for every layer. */
#include <stdarg.h>
#include <stdio.h>

#include "base/base.h"

void ta__notef(ta_note_fn fn, void *user, const char *fmt, ...) {
  if (!fn) return;
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  fn(user, msg);
}
