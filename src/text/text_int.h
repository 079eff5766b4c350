/* Internals of the input pipeline, shared by input.c, decode.c, html.c and
 * split.c; never installed.
 *
 *   bytes --decode.c--> UTF-8 + offset map --input.c--> paragraphs
 *         --split.c--> sentences (NFC, whitespace collapsed) --> ta_doc
 *   HTML bytes --html.c (libxml2)--> paragraphs --split.c--> ...
 *
 * split.c works on one paragraph of valid UTF-8 at a time and reports
 * sentences as byte ranges of that paragraph; the caller maps them to the
 * original input (decode map for text, element range for HTML). */
#ifndef TMXALIGN_INPUT_H
#define TMXALIGN_INPUT_H

#include "base/base.h"

/* ---- language tags (split.c) ---- */

/* Validate a BCP-47 tag; fill icu (ICU locale id) and bcp (canonical tag).
 * TA_ELANG with a message naming the tag when ICU does not know it. */
ta_status ta__lang_resolve(const char *tag, char *icu, size_t icu_cap,
                           char *bcp, size_t bcp_cap, ta_error *err);

/* ---- per-language rules (rules.c) ---- */

#include <unicode/uchar.h>

typedef struct ta__rules ta__rules;

/* The rules for an ICU locale id (languages without a table get ICU's own
 * behaviour); static, never freed. */
const ta__rules *ta__rules_for(const char *icu_locale);
/* Whether ICU's CLDR suppressions (@ss=standard) are used. */
bool ta__rules_icu_ss(const ta__rules *r);
/* Should ICU's break at b in UTF-16 t[0, n) be vetoed? */
bool ta__rules_veto(const ta__rules *r, const UChar *t, size_t n, size_t b);
/* Where the break ICU put at b, in the sentence that began at start,
 * belongs: before the quotes and brackets after the full stop that open
 * the next sentence, or after spaced closing quotes. */
size_t ta__rules_move(const ta__rules *r, const UChar *t, size_t n,
                      size_t start, size_t b);
/* First break ICU missed inside t[a, z) (after "…"), or z. */
size_t ta__rules_forced(const ta__rules *r, const UChar *t, size_t a, size_t z);

/* Whitespace that is collapsed and trimmed.  No-break spaces are kept:
 * French puts them before ; : ! ? and inside guillemets. */
static inline bool ta__is_space(UChar32 c) {
  if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D);
  if (c == 0xA0 || c == 0x2007 || c == 0x202F) return false;
  return u_isUWhiteSpace(c);
}

/* ---- the sentence splitter (split.c) ---- */

typedef struct ta__splitter ta__splitter;

/* The smallest max_sentence_bytes: one UTF-8 character, so that a cut
 * always falls between characters. */
enum { TA__MIN_SENTENCE = 4 };

/* Receives one sentence: text[0, len) is collapsed NFC UTF-8, valid during
 * the call only and not NUL-terminated; [b, e) are byte positions in the
 * paragraph given to ta__splitter_run; cut is true when the sentence was
 * cut at max_sentence_bytes. */
typedef ta_status (*ta__sink)(void *ctx, const char *text, size_t len, size_t b,
                              size_t e, bool cut);

ta_status ta__splitter_new(const char *icu_locale, size_t max_sentence,
                           ta__splitter **out, ta_error *err);
void ta__splitter_free(ta__splitter *s);

/* Split the valid UTF-8 paragraph p[0, len) into sentences.  Memory used
 * is bounded by a window of about 2 * max_sentence bytes, whatever len. */
ta_status ta__splitter_run(ta__splitter *s, const char *p, size_t len,
                           ta__sink sink, void *ctx);

/* Break sentences where the SRX rules x say (srx.h) instead of ICU's
 * iterator; x is borrowed, NULL goes back to ICU. */
struct ta__srx;
void ta__splitter_use_srx(ta__splitter *s, struct ta__srx *x);

/* Report p[0, len) as one segment (presplit): NFC, collapsed, trimmed. */
ta_status ta__splitter_segment(ta__splitter *s, const char *p, size_t len,
                               ta__sink sink, void *ctx);

/* ---- decoding (decode.c) ---- */

/* One run of code points that all have the same UTF-8 width and source
 * width: position u8 + k*u8w in the text came from src + k*srcw. */
typedef struct ta__run {
  size_t u8, src;
  unsigned char u8w, srcw;
} ta__run;

/* Input decoded to valid UTF-8.  When runs is NULL the text is the input
 * itself (UTF-8) shifted by base bytes (the BOM). */
typedef struct ta__text {
  const char *p;
  size_t len;
  char *owned; /* p when the text was transcoded */
  size_t base;
  ta__run *runs;
  size_t nruns, runs_cap;
  size_t orig_len;
  char encoding[64];
} ta__text;

/* Decode data per o (encoding, warn) into t; name is used in messages. */
ta_status ta__decode(const char *name, const unsigned char *data, size_t len,
                     const ta_split_opts *o, ta__text *t, ta_error *err);
/* Original byte offset of text position u. */
size_t ta__text_orig(const ta__text *t, size_t u);
void ta__text_free(ta__text *t);

/* Byte offset of the first invalid UTF-8 sequence in p, or len. */
size_t ta__utf8_check(const unsigned char *p, size_t len);

/* ---- HTML (html.c) ---- */

/* Parse HTML bytes and feed each block's text to the splitter, adding the
 * sentences to d (paragraphs numbered on from d's).  epub: a page of a
 * book, whose head and note marks (role doc-noteref, doc-backlink) are
 * not text. */
ta_status ta__html_load(const char *name, const unsigned char *data, size_t len,
                        const ta_split_opts *o, ta__splitter *sp, ta_doc *d,
                        bool epub, ta_error *err);

/* ---- recognising inputs (sniff.c) ---- */

typedef enum ta__sniffed {
  TA__SNIFF_TEXT,
  TA__SNIFF_HTML,
  TA__SNIFF_ZIP,     /* office.c tells DOCX, ODT, EPUB and the rest */
  TA__SNIFF_REFUSED, /* *what names the format, *todo what to do */
  TA__SNIFF_PDF,     /* %PDF-: pdf.c */
  TA__SNIFF_XLIFF,   /* the root <xliff> (bitext.c reads the version) */
  TA__SNIFF_PO,      /* msgid / msgstr lines (po.c) */
  TA__SNIFF_SRT,     /* a number, then "00:00:01,000 --> " (subtitles.c) */
  TA__SNIFF_VTT      /* "WEBVTT" (subtitles.c) */
} ta__sniffed;

/* What p[0, len) looks like; *what and *todo are static strings. */
ta__sniffed ta__sniff(const unsigned char *p, size_t len, const char **what,
                      const char **todo);
/* TA_EPARSE: "NAME: WHAT; tmxalign reads ...: TODO". */
ta_status ta__sniff_refuse(const char *name, const char *what, const char *todo,
                           ta_error *err);

/* ---- zipped documents (office.c: DOCX, ODT, EPUB) ---- */

/* Limits against zip bombs: entries in one archive, bytes of one part
 * once inflated (also at most max_input_bytes), and the inflation ratio
 * of a part over 1 MiB. */
enum {
  TA__ZIP_MAX_ENTRIES = 10000,
  TA__ZIP_MAX_RATIO = 100,
};
#define TA__ZIP_MAX_PART ((size_t)256 << 20)

/* Open the zip p[0, len), tell what it holds (kind AUTO) or check it is
 * the kind asked for, and load its text into d.  Refuses other zips
 * (spreadsheets, presentations, plain archives) with one line. */
ta_status ta__office_load(const char *name, const unsigned char *data,
                          size_t len, ta_input_kind kind,
                          const ta_split_opts *o, ta__splitter *sp, ta_doc *d,
                          ta_error *err);

/* ---- PDF (pdf.c, through poppler when built with it) ---- */

/* Load the text layer of the PDF p[0, len) into d: paragraphs from the
 * layout, running headers, footers and page numbers dropped, hyphenation
 * at line ends undone; a sentence's line is its page.  Without poppler
 * at build time: TA_EPARSE saying how to get PDF support. */
ta_status ta__pdf_load(const char *name, const unsigned char *data, size_t len,
                       const ta_split_opts *o, ta__splitter *sp, ta_doc *d,
                       ta_error *err);

/* ---- one paragraph into the document (para.c) ---- */

/* Where a paragraph's sentences go and where they came from: every
 * sentence of the paragraph gets off, end and line; para counts on. */
typedef struct ta__para {
  ta__splitter *sp;
  ta_doc *d;
  size_t para;
  size_t off, end, line;
} ta__para;

/* Split the UTF-8 text p[0, len) (invalid bytes cut it short) and add
 * its sentences; p->para moves on when any were added. */
ta_status ta__para_emit(ta__para *p, const char *text, size_t len);

/* ---- bilingual files (bitext.c: XLIFF and the API; po.c: PO) ---- */

struct ta_bitext {
  char *name;
  ta_bitext_format format;
  char *src_lang, *tgt_lang;
  ta_bitext_unit *units;
  size_t n, cap;
};

/* Append a unit (texts copied; id may be NULL). */
ta_status ta__bitext_add(ta_bitext *b, const char *id, const char *src,
                         size_t srclen, const char *tgt, size_t tgtlen,
                         size_t line, size_t offset, bool fuzzy);
/* Parse PO text p[0, len) into b (po.c). */
ta_status ta__po_parse(ta_bitext *b, const char *p, size_t len, ta_error *err);
/* Load a monolingual XLIFF/PO file as a document (each unit's source a
 * paragraph); a bilingual one is refused, pointing at convert and check. */
ta_status ta__bitext_doc_load(const char *name, const unsigned char *data,
                              size_t len, const ta_split_opts *o,
                              ta__splitter *sp, ta_doc *d, ta_error *err);

/* ---- subtitles (subtitles.c) and Markdown (markdown.c) ---- */

ta_status ta__subtitles_load(const char *name, const unsigned char *data,
                             size_t len, bool vtt, const ta_split_opts *o,
                             ta__splitter *sp, ta_doc *d, ta_error *err);
ta_status ta__markdown_load(const char *name, const unsigned char *data,
                            size_t len, const ta_split_opts *o,
                            ta__splitter *sp, ta_doc *d, ta_error *err);

/* Emit a warning through o->note.fn (no-op without a callback). */
#define ta__warnf(o, ...) ta__notef((o)->note.fn, (o)->note.user, __VA_ARGS__)

#endif
