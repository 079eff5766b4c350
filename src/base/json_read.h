/* Reading JSON values from one line of text: the lexer behind every JSON
 * lines input of the library (alignments given as beads, pipe jobs).  It
 * reads in place, never allocates but into the caller's buffers, and stops
 * at the first fault with a plain reason and its byte offset. */
#ifndef TA_BASE_JSON_READ_H
#define TA_BASE_JSON_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "base/base.h"

typedef struct ta__json_in {
  const char *begin, *p, *end;
  size_t max;    /* longest string a skipped value may hold */
  size_t at;     /* byte offset of the first fault, from begin */
  char why[200]; /* the first fault, e.g. "a string expected" */
} ta__json_in;

/* Reads text[0..len); strings skipped by ta__json_skip are capped at max. */
void ta__json_in_init(ta__json_in *j, const char *text, size_t len, size_t max);
void ta__json_in_ws(ta__json_in *j);
/* Records what (unless a fault is recorded already); returns false. */
bool ta__json_in_fail(ta__json_in *j, const char *what);
/* Consumes c after white space; false (no fault recorded) when absent. */
bool ta__json_in_lit(ta__json_in *j, char c);
/* Consumes the keyword w (true, false, null); false when absent. */
bool ta__json_in_word(ta__json_in *j, const char *w);
/* A string into b (reset first, NUL-terminated also when empty). */
bool ta__json_in_string(ta__json_in *j, ta__buf *b);
bool ta__json_in_number(ta__json_in *j, double *v);
bool ta__json_in_bool(ta__json_in *j, bool *v);

/* Calls member(j, key, user) for each member of an object; the callback
 * reads (or skips) the value. */
typedef bool (*ta__json_in_member_fn)(ta__json_in *j, const char *key,
                                      void *user);
bool ta__json_in_object(ta__json_in *j, ta__json_in_member_fn member,
                        void *user);
/* Skips any value, nested at most 64 deep. */
bool ta__json_in_skip(ta__json_in *j);

#endif
