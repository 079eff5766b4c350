/* Internals shared between library modules; never installed. */
#ifndef TMXALIGN_INTERNAL_H
#define TMXALIGN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "tmxalign/tmxalign.h"

#if defined(__GNUC__)
#define TA__PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define TA__PRINTF(f, a)
#endif

/* Fill err (may be NULL) with st and a formatted one-line message; return st
 * so that callers can write `return ta__fail(err, TA_EIO, ...)`. */
ta_status ta__fail(ta_error *err, ta_status st, const char *fmt, ...)
    TA__PRINTF(3, 4);

/* Documents are built by the input/splitter modules through this builder:
 * texts are appended to one arena, pointers fixed up by ta__doc_finish. */
struct ta_doc {
  char *name;
  char *lang;
  char *encoding;
  bool html;
  ta_sentence *sents;
  size_t count, cap;
  size_t paragraphs;
  char *arena; /* all sentence texts, NUL-separated */
  size_t arena_len, arena_cap;
  size_t *part_starts; /* first paragraph of each part (EPUB pages) */
  size_t nparts, parts_cap;
  bool finished;
};

ta_status ta__doc_new(const char *name, const char *lang, ta_doc **out);
/* Append a sentence; text need not be NUL-terminated. */
ta_status ta__doc_add(ta_doc *d, const char *text, size_t len, size_t offset,
                      size_t end, size_t line, size_t paragraph);
ta_status ta__doc_set_encoding(ta_doc *d, const char *encoding);
/* The paragraphs added from now on are a new part (an EPUB page): a part
 * with no paragraph is dropped when the next begins. */
ta_status ta__doc_begin_part(ta_doc *d);
/* Fix up text pointers; after this the doc is read-only. */
void ta__doc_finish(ta_doc *d);

/* The library's allocator (alloc.c): the C library's, with a failure
 * that tests can inject.  Free with free(). */
void *ta__malloc(size_t size);
void *ta__calloc(size_t count, size_t size);
void *ta__realloc(void *p, size_t size);
char *ta__strdup(const char *s);
/* ta__realloc on behalf of a caller: the growth helpers (buf.c) pass
 * their caller's address, so that a failure injected by the tests falls
 * on each growing site in turn, not on one site shared by all. */
void *ta__realloc_at(void *p, size_t size, const void *site);
#if defined(__GNUC__)
#define TA__CALLER() __builtin_return_address(0)
#else
#define TA__CALLER() NULL /* no sites: recording finds none */
#endif
/* Tests only (alloc.c): record the call sites the next allocations come
 * from; the count of sites and the allocations of each (into counts, at
 * most max); make the nth allocation (from 1) of recorded site fail; stop
 * recording or failing (and resume); failures injected so far. */
void ta__alloc_record(void);
size_t ta__alloc_sites(unsigned long *counts, size_t max);
void ta__alloc_fail_site(size_t site, unsigned long nth);
void ta__alloc_off(void);
void ta__alloc_resume(void); /* after ta__alloc_off: as before it */
unsigned long ta__alloc_failures(void);

/* Read the whole file at path ("-": standard input) into a malloc'd,
 * NUL-terminated buffer (caller frees), at most max bytes; limit names
 * that bound (and what raises it) in the message.  With TA__READ_GZIP a
 * gzip file is decompressed and max counts the decompressed bytes; plain
 * files read as they are.  Errors: TA_ENOENT, TA_EISDIR, TA_ETOOBIG,
 * TA_EIO, TA_ENOMEM. */
#define TA__READ_GZIP 1u
ta_status ta__read_file(const char *path, unsigned flags, size_t max,
                        const char *limit, char **buf, size_t *len,
                        ta_error *err);

/* Room for need items in *arr, an array of *cap items of size bytes
 * (realloc'd by doubling, from min items or 16): TA_OK, or TA_ENOMEM when
 * the allocation fails or need * size does not fit in a size_t, with
 * *arr and *cap unchanged.  ta__reserve(&arr, &cap, need) for any T *arr. */
ta_status ta__reserve_(void **arr, size_t *cap, size_t need, size_t size,
                       size_t min);
#define ta__reserve(arr, cap, need) \
  ta__reserve_((void **)(arr), (cap), (need), sizeof **(arr), 0)

/* A growable byte buffer with a hard cap (curl's dynbuf): appending past
 * max fails with TA_ETOOBIG instead of growing without bound.  Always
 * NUL-terminated once anything was appended. */
typedef struct ta__buf {
  char *p;
  size_t len, cap, max;
} ta__buf;

void ta__buf_init(ta__buf *b, size_t max);
/* TA_ENOMEM or TA_ETOOBIG (len would pass max). */
ta_status ta__buf_add(ta__buf *b, const char *s, size_t n);
ta_status ta__buf_addc(ta__buf *b, char c);
void ta__buf_reset(ta__buf *b);
void ta__buf_free(ta__buf *b);

/* Format a note and hand it to fn (nothing when fn is NULL). */
void ta__notef(ta_note_fn fn, void *user, const char *fmt, ...)
    TA__PRINTF(3, 4);

/* Whether a space goes between sentences left and right of one bead
 * (seam.c): not between Chinese or Japanese ones ("眺めた。富士山が"). */
bool ta__seam_space(const char *left, size_t llen, const char *right,
                    size_t rlen);

#include <stdio.h>
/* Write s[0..len) as a JSON string literal (UTF-8 passed through). */
void ta__json_string(FILE *fp, const char *s, size_t len);
/* The same without the surrounding quotes. */
void ta__json_chars(FILE *fp, const char *s, size_t len);
/* s[0..len) as HTML text or attribute value (json.c). */
void ta__html_escape(FILE *fp, const char *s, size_t len);

#endif
