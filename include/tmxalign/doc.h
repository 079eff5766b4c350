/* Documents: text read from a file or memory, decoded to UTF-8 (NFC),
 * split into paragraphs and sentences.
 *
 * Ownership: ta_doc_load_* return a ta_doc the caller releases with
 * ta_doc_free().  Sentence pointers and texts are borrowed from the doc and
 * stay valid until it is freed.  A ta_doc is read-only after loading and may
 * be shared between threads. */
#ifndef TMXALIGN_DOC_H
#define TMXALIGN_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "tmxalign/export.h"
#include "tmxalign/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One sentence (or segment, in presplit mode). */
typedef struct ta_sentence {
  const char *text; /**< NUL-terminated UTF-8, NFC, inner whitespace runs
                         (soft wraps) collapsed to one space, trimmed */
  size_t len;       /**< bytes of text, without the NUL */
  size_t offset;    /**< byte offset of its first byte in the original input
                         (before any BOM skip or transcoding) */
  size_t end;       /**< byte offset one past its last byte in the original;
                         for text input the bytes [offset, end) with
                         whitespace runs collapsed are the text (before
                         NFC).  HTML: best effort, [offset, end) is the
                         whole source line on which the element holding
                         the paragraph starts */
  size_t line;      /**< 1-based line of its first byte in the original
                         (HTML: that element's line) */
  size_t paragraph; /**< 0-based paragraph index */
} ta_sentence;

typedef enum ta_input_kind {
  TA_INPUT_AUTO = 0, /**< by content: DOCX, ODT, EPUB (a zip holding
                          one), HTML (a name ending in .html/.htm/.xhtml or
                          a page starting <!DOCTYPE html or <html), PDF
                          (%PDF-), XLIFF, PO, SRT, WebVTT, Markdown (a name
                          ending in .md or .markdown), formats not read
                          (RTF, .doc,
                          images, other zips) refused (TA_EPARSE, naming
                          the format), else text */
  TA_INPUT_TEXT,     /**< plain text; blank lines separate paragraphs */
  TA_INPUT_HTML,     /**< HTML/XHTML: block elements become paragraphs */
  TA_INPUT_PRESPLIT, /**< one segment per line, kept as given; blank lines
                          separate paragraphs and are not segments */
  TA_INPUT_DOCX,     /**< Word (word/document.xml, notes after the
                          paragraph calling them); line: paragraph number
                          in its part, [offset, end): that paragraph's bytes
                          in the part's XML (docs/split.md) */
  TA_INPUT_ODT,      /**< OpenDocument text (content.xml); as DOCX */
  TA_INPUT_EPUB,     /**< EPUB: the spine's pages as HTML, offsets and
                          lines within each page */
  TA_INPUT_PDF,      /**< PDF's text layer (poppler; a build without it
                          refuses PDF with TA_EPARSE): line is the page
                          (1-based), [offset, end) bytes of the page's
                          text layer; running headers, footers and page
                          numbers dropped, line-end hyphens undone */
  /* appended in 0.3 (docs/split.md, "Input formats") */
  TA_INPUT_XLIFF,   /**< a monolingual XLIFF 1.2 / 2.0 file: each unit's
                         source a paragraph; line: the source's line;
                         a bilingual one is refused (TA_EPARSE: use
                         ta_bitext_*, `tmxalign convert` or `check`) */
  TA_INPUT_PO,      /**< a PO/POT catalogue without translations: each
                         msgid a paragraph; line: the msgid's line */
  TA_INPUT_SRT,     /**< SRT subtitles: cue text, sentences running
                         across cues joined; line: the cue's number in
                         the file (1-based), [offset, end): its text */
  TA_INPUT_VTT,     /**< WebVTT subtitles: as SRT; NOTE, STYLE and
                         REGION blocks and cue tags dropped */
  TA_INPUT_MARKDOWN /**< Markdown (CommonMark blocks, markup dropped);
                         never by content: a name ending .md/.markdown
                         or this kind */
} ta_input_kind;

/** Splitting options.  Sentences come from ICU's sentence break iterator
 * for the language (with CLDR's abbreviation suppressions, @ss=standard,
 * except for German) corrected by tmxalign's per-language tables (fr, en,
 * de: abbreviations such as "M.", "Dr.", "z. B.", initials, "art. 5"),
 * and by rules for every language: a lowercase word after ! or ? goes on
 * the same sentence, closing quotes after a space ("Oui. »") stay with
 * their sentence, "…" before a capital ends one.  Text is NFC, sentences
 * are trimmed and inner whitespace (not no-break spaces) is collapsed;
 * a single newline is a soft wrap, a blank line ends a paragraph.  A line
 * ends at LF, CRLF or CR alone (old Mac files), in every input kind. */
typedef struct ta_split_opts {
  const char *lang;    /**< BCP-47 tag, required (e.g. "fr", "pt-BR");
                            unknown to ICU ("xx-bogus"): TA_ELANG */
  ta_input_kind input; /**< default TA_INPUT_AUTO */
  const char
      *encoding;             /**< an ICU converter name ("windows-1252",
                                  "UTF-16LE"...) or NULL: UTF-8 (BOM
                                  skipped), UTF-32 or UTF-16 by BOM, else ICU's
                                charset      detector with a warning; TA_EENCODING when
                                  nothing fits.  HTML: NULL means UTF-8 when
                                  the bytes are valid UTF-8, else libxml2's
                                  reading of BOM/<meta charset>/ISO-8859-1 */
  size_t max_input_bytes;    /**< default 1 GiB; larger input is TA_ETOOBIG */
  size_t max_sentence_bytes; /**< default 1 MiB (0: the default); longer
                                  runs without a break are cut there (with
                                  a warning), always between characters, so
                                  a piece is valid UTF-8 of at most this
                                  many bytes; below 4 (one UTF-8 character
                                  can take 4) it is refused: TA_EINVAL */
  ta_note note;              /**< notes (encoding detected, sentence cut,
                                  empty input); fn may be NULL */
  const char *srx;           /**< path of an SRX 2.0 rules file, or NULL:
                                  sentences break where its rules for the
                                  language say (as a CAT tool such as
                                  OmegaT segments), not by ICU and the
                                  tables above; presplit input is kept as
                                  given.  A malformed file or bad regex:
                                  TA_EPARSE naming the line or rule */
} ta_split_opts;

/** Fill o with the documented defaults (lang NULL: must be set). */
TA_EXPORT void ta_split_opts_init(ta_split_opts *o);

typedef struct ta_doc ta_doc;

/** Read and split path ("-": standard input, named "<stdin>").  name in
 * messages is the path.  Errors: TA_ENOENT,
 * TA_EISDIR, TA_EIO, TA_EENCODING (invalid bytes, undetectable or unknown
 * encoding), TA_EPARSE (NUL byte in UTF-8 input: "a.txt: byte 17: NUL
 * byte; ..."), TA_ETOOBIG (max_input_bytes; a presplit line over
 * max_sentence_bytes), TA_ELANG, TA_EINVAL (no language, a NULL
 * argument: "missing argument", max_sentence_bytes below 4), TA_ENOMEM.
 * Empty input is not an error: an empty document and a warning. */
TA_EXPORT ta_status ta_doc_load_file(const char *path, const ta_split_opts *o,
                                     ta_doc **out, ta_error *err);

/** Same over a buffer; name is used in messages and for TA_INPUT_AUTO.
 * The buffer is only read during the call. */
TA_EXPORT ta_status ta_doc_load_mem(const char *name, const void *data,
                                    size_t len, const ta_split_opts *o,
                                    ta_doc **out, ta_error *err);

/** Build a document from ready segments (copied).  Each segment is one
 * sentence; paragraphs may be NULL (all in paragraph 0). */
TA_EXPORT ta_status ta_doc_from_segments(const char *name, const char *lang,
                                         const char *const *segments,
                                         const size_t *paragraphs, size_t n,
                                         ta_doc **out, ta_error *err);

TA_EXPORT size_t ta_doc_count(const ta_doc *d);
TA_EXPORT const ta_sentence *ta_doc_sentence(const ta_doc *d, size_t i);
TA_EXPORT size_t ta_doc_paragraph_count(const ta_doc *d);
TA_EXPORT const char *ta_doc_lang(const ta_doc *d); /**< canonical BCP-47 */
/** Parts of a document read from several files: the pages of an EPUB's
 * spine that hold text, in reading order.  0 for a document of one file. */
TA_EXPORT size_t ta_doc_part_count(const ta_doc *d);
/** The 0-based part a paragraph belongs to (0 without parts). */
TA_EXPORT size_t ta_doc_paragraph_part(const ta_doc *d, size_t paragraph);
TA_EXPORT const char *ta_doc_name(const ta_doc *d);
TA_EXPORT bool ta_doc_is_html(const ta_doc *d);
/** Name of the encoding the input was decoded from ("UTF-8", ...). */
TA_EXPORT const char *ta_doc_encoding(const ta_doc *d);

typedef enum ta_doc_format {
  TA_DOC_FORMAT_LINES = 0, /**< one sentence a line, a blank line between
                         paragraphs: reads back with TA_INPUT_PRESPLIT */
  TA_DOC_FORMAT_JSONL,     /**< one object a sentence: paragraph, sentence,
                         offset, end, line, text */
  TA_DOC_FORMAT_JSON       /**< the same objects in one array */
} ta_doc_format;

/** Write the sentences of d to fp.  Errors: TA_EIO, TA_EINVAL. */
TA_EXPORT ta_status ta_doc_write(FILE *fp, ta_doc_format format,
                                 const ta_doc *d, ta_error *err);

/** No-op on NULL. */
TA_EXPORT void ta_doc_free(ta_doc *d);

/* ---- bilingual files: XLIFF 1.2 / 2.0, PO (appended in 0.3) ----------- */

/** What a file holding translation units is. */
typedef enum ta_bitext_format {
  TA_BITEXT_NONE = 0, /**< not one of the formats below */
  TA_BITEXT_XLIFF1,   /**< XLIFF 1.x (<xliff version="1.2">) */
  TA_BITEXT_XLIFF2,   /**< XLIFF 2.x (<xliff version="2.0">) */
  TA_BITEXT_PO        /**< gettext PO / POT */
} ta_bitext_format;

/** One unit: XLIFF 1.2 <trans-unit>, XLIFF 2 <segment>, PO entry.  Inline
 * codes are dropped: <g>, <mrk>, <pc> keep their text, <x/>, <bx/>,
 * <ex/>, <ph>, <bpt>, <ept>, <it>, <sc/>, <ec/> (native codes) vanish. */
typedef struct ta_bitext_unit {
  const char *id;     /**< XLIFF 1.2 trans-unit id, XLIFF 2 unit id
                           ("unit/segment" when a unit has several
                           segments), PO msgctxt; may be NULL */
  const char *source; /**< UTF-8, as in the file (whitespace kept) */
  const char *target; /**< "" when there is none */
  size_t line;        /**< 1-based line of the source in the file */
  size_t offset;      /**< byte offset of that line */
  bool fuzzy;         /**< PO "#, fuzzy"; XLIFF 1.2 state
                           needs-review-*; XLIFF 2 state initial */
} ta_bitext_unit;

typedef struct ta_bitext ta_bitext;

/** The format of data by its content (the XML root <xliff> and its
 * version, PO msgid/msgstr lines), TA_BITEXT_NONE for anything else. */
TA_EXPORT ta_bitext_format ta_bitext_sniff(const void *data, size_t len);
/** The same for the first bytes of a file; NONE when it cannot be read
 * or is standard input ("-"). */
TA_EXPORT ta_bitext_format ta_bitext_sniff_file(const char *path);

/** Read an XLIFF or PO file whole (at most max_bytes; 0: 1 GiB).  Errors:
 * TA_EPARSE (not XLIFF/PO, malformed XML or PO syntax, naming the line),
 * TA_EENCODING (a PO file not in UTF-8), TA_ETOOBIG, TA_ENOENT, TA_EIO,
 * TA_ENOMEM. */
TA_EXPORT ta_status ta_bitext_load_file(const char *path, size_t max_bytes,
                                        ta_bitext **out, ta_error *err);
TA_EXPORT ta_status ta_bitext_load_mem(const char *name, const void *data,
                                       size_t len, ta_bitext **out,
                                       ta_error *err);
TA_EXPORT ta_bitext_format ta_bitext_format_of(const ta_bitext *b);
/** The name it was loaded under (the path; "<stdin>" for "-"). */
TA_EXPORT const char *ta_bitext_name(const ta_bitext *b);
/** "XLIFF 1.2", "XLIFF 2.0", "PO". */
TA_EXPORT const char *ta_bitext_format_name(ta_bitext_format f);
TA_EXPORT size_t ta_bitext_count(const ta_bitext *b);
TA_EXPORT const ta_bitext_unit *ta_bitext_unit_at(const ta_bitext *b, size_t i);
/** The languages the file names (XLIFF srcLang/trgLang, source-language/
 * target-language; PO: the header's Language as target, no source);
 * "" when it names none. */
TA_EXPORT const char *ta_bitext_src_lang(const ta_bitext *b);
TA_EXPORT const char *ta_bitext_tgt_lang(const ta_bitext *b);
/** Units with a non-empty target. */
TA_EXPORT size_t ta_bitext_translated(const ta_bitext *b);

/** Flags of ta_bitext_docs(). */
#define TA_BITEXT_KEEP_FUZZY 1u /**< fuzzy units are kept */
#define TA_BITEXT_KEEP_UNTRANSLATED       \
  2u /**< a unit without target keeps its \
          source (no target sentence) */

/** The units as two documents, one sentence a unit and side (whitespace
 * collapsed, NFC), in file order: units without a target are left out
 * (unless TA_BITEXT_KEEP_UNTRANSLATED: source only), fuzzy ones too
 * (unless TA_BITEXT_KEEP_FUZZY).  Paragraph k on both sides is the k-th
 * unit kept, line the unit's line.  Errors: TA_ELANG, TA_ENOMEM. */
TA_EXPORT ta_status ta_bitext_docs(const ta_bitext *b, const char *src_lang,
                                   const char *tgt_lang, unsigned flags,
                                   ta_doc **src, ta_doc **tgt, ta_error *err);
/** No-op on NULL. */
TA_EXPORT void ta_bitext_free(ta_bitext *b);

#ifdef __cplusplus
}
#endif
#endif
