/* TMX 1.4b translation memories: a unit model, a streaming writer, a
 * streaming reader, merge and conversion to TSV / JSON Lines.
 *
 * The unit model (ta_tmx_unit) knows nothing about alignment: a unit is a
 * list of language variants plus <prop> metadata.  ta_tmx_write_beads()
 * and ta_tmx_write_alignment() map aligner beads onto units.
 *
 * Files written here are valid against the TMX 1.4 DTD (tmx14.dtd, which
 * TMX 1.4b uses unchanged) and laid out one element per line, because some
 * readers (Perl XML::TMX) are line-based.  The source variant is always the
 * first <tuv> of a unit (translate-toolkit takes the first <tuv> as source,
 * whatever srclang says) and the header srclang is spelled exactly like
 * the source <tuv>'s xml:lang.
 *
 * Memory: the writer and the reader hold one unit at a time, so memory does
 * not grow with the file.  Merge keeps a 40-byte record per distinct unit
 * (53 to 107 bytes with its hash table).
 *
 * Thread safety: distinct handles may be used from different threads; one
 * handle may not.  The library may call xmlInitParser() but never
 * xmlCleanupParser(). */
#ifndef TMXALIGN_TMX_H
#define TMXALIGN_TMX_H

#include <stdbool.h>
#include <stddef.h>

#include "tmxalign/align.h"
#include "tmxalign/doc.h"
#include "tmxalign/export.h"
#include "tmxalign/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A <prop type="...">value</prop>. */
typedef struct ta_tmx_prop {
  const char *type; /**< custom types start with "x-" */
  const char *value;
} ta_tmx_prop;

/** One <tuv>: a language and its segment text (UTF-8). */
typedef struct ta_tmx_variant {
  const char *lang; /**< BCP-47 tag; the writer turns "en_us" into "en-US" */
  const char *text; /**< NUL-terminated UTF-8 */
} ta_tmx_variant;

/** One <tu>.  Filled by the caller for the writer; for the reader, every
 * pointer is borrowed until the next ta_tmx_reader_next() or _free(). */
typedef struct ta_tmx_unit {
  const char *tuid;    /**< may be NULL (no tuid attribute) */
  const char *srclang; /**< <tu srclang>, usually NULL (header applies) */
  const ta_tmx_variant *variants;
  size_t nvariants;         /**< the writer needs at least 1 (DTD: tuv+) */
  const ta_tmx_prop *props; /**< <tu>-level props, written before <tuv> */
  size_t nprops;
} ta_tmx_unit;

/** The <header> attributes.  NULL fields get the defaults of
 * ta_tmx_header_init() when writing. */
typedef struct ta_tmx_header {
  const char *srclang;             /**< required; "*all*" allowed */
  const char *adminlang;           /**< default "en" */
  const char *datatype;            /**< default "plaintext" ("html", ...) */
  const char *segtype;             /**< default "sentence" */
  const char *creationtool;        /**< default "tmxalign" */
  const char *creationtoolversion; /**< default ta_version_string() */
  const char *o_tmf;               /**< default "tmxalign" */
  const char *creationdate;        /**< YYYYMMDDThhmmssZ; NULL: from
                                        SOURCE_DATE_EPOCH if set, else now */
  const char *o_encoding;          /**< reader only; the writer omits it */
} ta_tmx_header;

/** Fill h with the defaults above (srclang NULL: the caller sets it). */
TA_EXPORT void ta_tmx_header_init(ta_tmx_header *h);

/** Normalise a language tag to its conventional BCP-47 spelling into out:
 * underscores become hyphens, the language subtag lower case, a 4-letter
 * script title case, a 2-letter region upper case ("EN_us" -> "en-US",
 * "zh_hant_tw" -> "zh-Hant-TW"); "*all*" is kept.  Errors: TA_ELANG (empty,
 * characters other than letters, digits, '-', '_'), TA_ETOOBIG (longer than
 * outsize - 1). */
TA_EXPORT ta_status ta_tmx_lang_normalize(const char *tag, char *out,
                                          size_t outsize, ta_error *err);

/** Case-insensitive comparison of two tags, '_' equal to '-': true when
 * "EN_us" and "en-US" name the same language. */
TA_EXPORT bool ta_tmx_lang_equal(const char *a, const char *b);

/* ---- writing ---------------------------------------------------------- */

typedef struct ta_tmx_writer ta_tmx_writer;

/** Writer options (NULL means all defaults). */
typedef struct ta_tmx_write_opts {
  bool doctype; /**< write <!DOCTYPE tmx SYSTEM "tmx14.dtd">; default
                     true (readers never fetch it: the DTD is only for
                     validators) */
  ta_note note; /**< removed characters are reported here; fn may be NULL */
} ta_tmx_write_opts;

TA_EXPORT void ta_tmx_write_opts_init(ta_tmx_write_opts *o);

/** Start a TMX file at path ("-" = standard output) through ta_outfile: the
 * data goes to a temporary file that ta_tmx_writer_close() renames over
 * path, so a failure leaves an older file intact.  Writes the prolog and
 * the header at once.  Errors: TA_EINVAL (no srclang, bad date), TA_ELANG,
 * TA_EIO, TA_EISDIR, TA_ENOMEM, TA_EXML. */
TA_EXPORT ta_status ta_tmx_writer_open(const char *path, const ta_tmx_header *h,
                                       const ta_tmx_write_opts *o,
                                       ta_tmx_writer **out, ta_error *err);

/** Write one <tu>.  The variant whose language equals the header srclang
 * is written first whatever its position in u->variants (with "*all*" the
 * given order is kept).  Characters XML 1.0 forbids (C0 controls other than
 * TAB/LF/CR, U+FFFE, U+FFFF) and invalid UTF-8 (including encoded
 * surrogates) are removed and reported to the warning callback with the
 * tuid and language.  Errors: TA_EINVAL (no variant, a variant without
 * language or text), TA_ELANG, TA_EIO, TA_ENOMEM, TA_EXML; after an error
 * the writer only accepts _free(). */
TA_EXPORT ta_status ta_tmx_writer_add(ta_tmx_writer *w, const ta_tmx_unit *u,
                                      ta_error *err);

/** Units written so far. */
TA_EXPORT size_t ta_tmx_writer_count(const ta_tmx_writer *w);

/** Close </body></tmx>, flush, and rename into place.  Errors: TA_EIO
 * (disk full: the previous file is kept), TA_EXML.  The writer must still
 * be released with ta_tmx_writer_free(). */
TA_EXPORT ta_status ta_tmx_writer_close(ta_tmx_writer *w, ta_error *err);

/** Release w; when it was not closed successfully the temporary file is
 * removed and the target left as it was.  No-op on NULL. */
TA_EXPORT void ta_tmx_writer_free(ta_tmx_writer *w);

/** How beads become units. */
typedef struct ta_tmx_align_opts {
  bool keep_unaligned;  /**< keep 1-0 and 0-1 beads as one-variant units;
                             default false */
  double min_score;     /**< drop beads scoring below; default 0 (keep all) */
  const char *document; /**< x-document prop; default: the source doc's
                             name without directories */
  ta_tmx_write_opts write; /**< defaults of ta_tmx_write_opts_init() */
} ta_tmx_align_opts;

TA_EXPORT void ta_tmx_align_opts_init(ta_tmx_align_opts *o);

/** Statistics of ta_tmx_write_beads(); may be passed as NULL. */
typedef struct ta_tmx_align_stats {
  size_t units;       /**< <tu> written */
  size_t unaligned;   /**< 1-0 / 0-1 beads left out */
  size_t below_score; /**< beads dropped by min_score */
} ta_tmx_align_stats;

/** Write one <tu> per bead of src/tgt to path: tuid = bead number (1-based),
 * source <tuv> first, the texts of a bead's sentences joined by one space,
 * props x-score (4 decimals), x-bead ("2-1"), x-document, x-src-sentences /
 * x-tgt-sentences (1-based sentence numbers, "3" or "3-4").  datatype is
 * "html" when ta_doc_is_html(src).  Errors: as the writer, plus TA_EINVAL
 * when a bead points outside a document. */
TA_EXPORT ta_status ta_tmx_write_beads(const char *path, const ta_doc *src,
                                       const ta_doc *tgt, const ta_bead *beads,
                                       size_t n, const ta_tmx_align_opts *o,
                                       ta_tmx_align_stats *stats,
                                       ta_error *err);

/** ta_tmx_write_beads() over the beads of an alignment. */
TA_EXPORT ta_status ta_tmx_write_alignment(const char *path, const ta_doc *src,
                                           const ta_doc *tgt,
                                           const ta_alignment *a,
                                           const ta_tmx_align_opts *o,
                                           ta_tmx_align_stats *stats,
                                           ta_error *err);

/** Append one <tu> per bead of src/tgt to the open writer w, as
 * ta_tmx_write_beads() does for a file of its own, but numbering the units
 * on from those already written (tuid = ta_tmx_writer_count(w) + 1, ...),
 * so that several document pairs share one memory with unique tuids.  The
 * beads are checked before anything is written (TA_EINVAL leaves w as it
 * was); o->write is ignored (w has its options).  stats gets this call's
 * figures.  Errors: as ta_tmx_writer_add(), TA_EINVAL. */
TA_EXPORT ta_status ta_tmx_writer_add_beads(ta_tmx_writer *w, const ta_doc *src,
                                            const ta_doc *tgt,
                                            const ta_bead *beads, size_t n,
                                            const ta_tmx_align_opts *o,
                                            ta_tmx_align_stats *stats,
                                            ta_error *err);

/** Most targets ta_tmx_write_multi() takes. */
#define TA_TMX_MAX_TARGETS 16

/** One source aligned with several targets (each alignment pairs src with
 * tgts[k]) as units with one <tuv> per language, source first.  A unit
 * covers the smallest run of source sentences that is made of whole beads
 * in every alignment (a 2-1 bead in one target and two 1-1 beads in another
 * give one unit of two source sentences).  Props: x-score (lowest bead score
 * in the unit), x-bead ("2-1-2": source, then each target), x-document,
 * x-src-sentences ("3-4"), x-tgt-sentences ("de:3 fr:3-4").  A target with
 * no sentence in a unit has no <tuv> there; units with no target at all
 * are left out unless keep_unaligned; 0-1 beads are always left out (they
 * have no source to share).  Errors: as ta_tmx_write_beads(), TA_EINVAL for
 * 0 or more than TA_TMX_MAX_TARGETS targets or beads out of source order. */
TA_EXPORT ta_status ta_tmx_write_multi(const char *path, const ta_doc *src,
                                       const ta_doc *const *tgts,
                                       const ta_alignment *const *alignments,
                                       size_t ntgt, const ta_tmx_align_opts *o,
                                       ta_tmx_align_stats *stats,
                                       ta_error *err);

/** ta_tmx_write_multi() over plain bead arrays: beads[k] holds counts[k]
 * beads between src and tgts[k]. */
TA_EXPORT ta_status ta_tmx_write_multi_beads(
    const char *path, const ta_doc *src, const ta_doc *const *tgts,
    const ta_bead *const *beads, const size_t *counts, size_t ntgt,
    const ta_tmx_align_opts *o, ta_tmx_align_stats *stats, ta_error *err);

/* ---- a bilingual file to TMX (appended in 0.3) ------------------------ */

/** Options of ta_tmx_write_bitext() (NULL means all defaults). */
typedef struct ta_tmx_bitext_opts {
  const char *srclang;     /**< default: the file's (ta_bitext_src_lang) */
  const char *tgtlang;     /**< default: the file's (ta_bitext_tgt_lang) */
  bool keep_fuzzy;         /**< write fuzzy units (prop x-fuzzy "yes");
                                default false: skipped */
  ta_tmx_write_opts write; /**< defaults of ta_tmx_write_opts_init() */
} ta_tmx_bitext_opts;

TA_EXPORT void ta_tmx_bitext_opts_init(ta_tmx_bitext_opts *o);

typedef struct ta_tmx_bitext_stats {
  size_t units;        /**< units in the file */
  size_t written;      /**< <tu> written */
  size_t untranslated; /**< skipped: no target, or a source or target of
                            spaces only */
  size_t fuzzy;        /**< fuzzy units (skipped unless keep_fuzzy) */
} ta_tmx_bitext_stats;

/** Write the translated units of a bilingual file (XLIFF 1.2 / 2.0, PO)
 * as TMX at path, in file order: tuid the unit id (PO: msgctxt; else the
 * unit's number), texts with whitespace collapsed (as the aligner's
 * segments), props x-document (the file's name without directories) and
 * x-line (the source's line).  Errors: TA_EINVAL (no source or target
 * language in the file or the options: "give -s/-t"), TA_ELANG, and
 * those of the writer. */
TA_EXPORT ta_status ta_tmx_write_bitext(const char *path, const ta_bitext *b,
                                        const ta_tmx_bitext_opts *o,
                                        ta_tmx_bitext_stats *stats,
                                        ta_error *err);

/* ---- reading ---------------------------------------------------------- */

/** What happens to inline codes (bpt ept it ph ut hi sub) inside <seg>. */
typedef enum ta_tmx_inline {
  /** Text content: the native codes come back as the original document
   * had them ("Click <b>Save</b>"), hi/sub text is kept.  Default. */
  TA_TMX_INLINE_NATIVE = 0,
  /** Codes removed: the content of bpt ept it ph ut (with any sub inside)
   * is dropped, hi text is kept ("Click Save"). */
  TA_TMX_INLINE_STRIP,
  /** The TMX inline elements as XML text, exactly as serialised by libxml2
   * ("Click <bpt i=\"1\">&lt;b&gt;</bpt>Save...") for tools that re-import
   * them as markup. */
  TA_TMX_INLINE_MARKUP
} ta_tmx_inline;

typedef struct ta_tmx_read_opts {
  ta_tmx_inline inline_codes; /**< default TA_TMX_INLINE_NATIVE */
  size_t max_seg_bytes;       /**< default 16 MiB; longer is TA_ETOOBIG
                                   ("segment longer than N bytes
                                   (max_seg_bytes)"); a file with an
                                   internal DTD subset keeps libxml2's own
                                   10,000,000-byte text limit */
  size_t max_variants;        /**< default 1024 <tuv> per <tu> */
  ta_note note;               /**< parser warnings; fn may be NULL */
} ta_tmx_read_opts;

TA_EXPORT void ta_tmx_read_opts_init(ta_tmx_read_opts *o);

typedef struct ta_tmx_reader ta_tmx_reader;

/** Open path ("-" = standard input) and read up to the end of <header>.
 * Accepts TMX 1.1 to 1.4b: UTF-8/UTF-16 with or without BOM, declared
 * encodings libxml2 knows, lang= as well as xml:lang=.  UTF-32 (UCS-4, any
 * byte order) is TA_EENCODING "a.tmx: UTF-32 TMX (UTF-32LE): convert it to
 * UTF-8 or UTF-16 ..." and nothing is printed.  Hardened: no
 * network, no DTD or external entity is ever loaded, entity references
 * other than the predefined five and character references are refused,
 * libxml2's amplification limits apply whenever the file declares
 * entities (XML_PARSE_HUGE, for <seg> up to max_seg_bytes, is only set
 * when its prolog has no internal DTD subset).  Errors: TA_EINVAL (a NULL
 * argument), TA_ENOENT, TA_EIO, TA_EPARSE ("a.tmx: line 3, column 7:
 * ..."), TA_EENCODING, TA_ETOOBIG, TA_ENOMEM. */
TA_EXPORT ta_status ta_tmx_reader_open(const char *path,
                                       const ta_tmx_read_opts *o,
                                       ta_tmx_reader **out, ta_error *err);

/** Same over a buffer that must stay valid until ta_tmx_reader_free();
 * name is used in messages.  An empty buffer is TA_EPARSE. */
TA_EXPORT ta_status ta_tmx_reader_open_mem(const char *name, const void *data,
                                           size_t len,
                                           const ta_tmx_read_opts *o,
                                           ta_tmx_reader **out, ta_error *err);

/** The header read by _open; strings borrowed from r.  Missing attributes
 * are NULL. */
TA_EXPORT const ta_tmx_header *ta_tmx_reader_header(const ta_tmx_reader *r);

/** Next <tu>: *u points to a unit borrowed until the next call, or is NULL
 * at the end of the file (TA_OK).  Variant languages are given as written.
 * Props of <tuv>, notes and <ude> are skipped.  Errors: TA_EPARSE (with
 * line and column), TA_ETOOBIG, TA_ENOMEM. */
TA_EXPORT ta_status ta_tmx_reader_next(ta_tmx_reader *r, const ta_tmx_unit **u,
                                       ta_error *err);

/** No-op on NULL. */
TA_EXPORT void ta_tmx_reader_free(ta_tmx_reader *r);

/** The variant of u in language lang (ta_tmx_lang_equal), or NULL. */
TA_EXPORT const ta_tmx_variant *ta_tmx_unit_find(const ta_tmx_unit *u,
                                                 const char *lang);

/** Value of the first prop of that type, or NULL. */
TA_EXPORT const char *ta_tmx_unit_prop(const ta_tmx_unit *u, const char *type);

/* ---- merge and convert -------------------------------------------------- */

typedef struct ta_tmx_merge_opts {
  ta_tmx_write_opts write;  /**< defaults of ta_tmx_write_opts_init() */
  const char *creationdate; /**< as ta_tmx_header.creationdate */
} ta_tmx_merge_opts;

TA_EXPORT void ta_tmx_merge_opts_init(ta_tmx_merge_opts *o);

typedef struct ta_tmx_merge_stats {
  size_t read;       /**< units read from all inputs */
  size_t written;    /**< units in the output */
  size_t duplicates; /**< units dropped as duplicates */
} ta_tmx_merge_stats;

/** Merge TMX files into one at out.  Two units are duplicates when their
 * variants have the same languages and the same texts after NFC and
 * whitespace collapsing (case is significant); of those the one with the
 * highest x-score is kept (the first one on a tie or without scores).
 * Units are renumbered (tuid 1..n) and keep their props; inline codes are
 * written as the native text they stand for (TA_TMX_INLINE_NATIVE).  Every
 * input must have the header srclang of the first input, and use no
 * language that the first input lacks (en-fr with en-de is a conflict):
 * otherwise TA_EINVAL naming the file and unit.  Inputs are read twice (so
 * standard input is refused); memory is 53 to 107 bytes per distinct unit,
 * never the texts.  Errors: those of the reader and the writer, TA_EINVAL. */
TA_EXPORT ta_status ta_tmx_merge(const char *const *inputs, size_t n,
                                 const char *out, const ta_tmx_merge_opts *o,
                                 ta_tmx_merge_stats *stats, ta_error *err);

typedef enum ta_tmx_convert_format {
  TA_TMX_CONVERT_FORMAT_TSV =
      0,                      /**< source TAB target NL; \ TAB NL CR escaped as
                    \\ \t \n \r */
  TA_TMX_CONVERT_FORMAT_JSONL /**<
                    {"tuid","srclang","tgtlang","source","target", "score"} per
                    line; score null when absent */
} ta_tmx_convert_format;

typedef struct ta_tmx_convert_opts {
  ta_tmx_convert_format format;
  const char *srclang;   /**< default: header srclang (first variant when
                              "*all*" or absent) */
  const char *tgtlang;   /**< default: the first variant not in srclang */
  ta_tmx_read_opts read; /**< defaults of ta_tmx_read_opts_init() */
} ta_tmx_convert_opts;

TA_EXPORT void ta_tmx_convert_opts_init(ta_tmx_convert_opts *o);

typedef struct ta_tmx_convert_stats {
  size_t units;   /**< units read */
  size_t written; /**< lines written */
  size_t skipped; /**< units lacking the source or the target language */
} ta_tmx_convert_stats;

/** Convert the TMX file in ("-" = standard input) to out ("-" = standard
 * output), streaming.  Units lacking the source or the target language are
 * skipped (stats->skipped); but when the source or the target language is
 * in no unit at all, the result is TA_EINVAL "in.tmx: no unit has the
 * target language 'de'; the file has: en-GB, fr; ..." and out is not
 * written (an existing file is kept).  Errors: those of the reader,
 * TA_EINVAL, TA_EIO on output ("out.tsv: write error: ..."). */
TA_EXPORT ta_status ta_tmx_convert(const char *in, const char *out,
                                   const ta_tmx_convert_opts *o,
                                   ta_tmx_convert_stats *stats, ta_error *err);

/* ---- reviewed pairs back to TMX (appended in 0.3) ---------------------- */

/** Options of ta_tmx_from_table (NULL: defaults, but the languages are
 * required). */
typedef struct ta_tmx_table_opts {
  const char *srclang;     /**< required: the first column's language */
  const char *tgtlang;     /**< required: the second column's */
  ta_tmx_write_opts write; /**< defaults of ta_tmx_write_opts_init() */
} ta_tmx_table_opts;

TA_EXPORT void ta_tmx_table_opts_init(ta_tmx_table_opts *o);

typedef struct ta_tmx_table_stats {
  size_t rows;  /**< data rows read (a header row not counted) */
  size_t units; /**< units written */
  size_t empty; /**< rows skipped: the source or the target is empty */
} ta_tmx_table_stats;

/** A table of reviewed pairs to a TMX file at out ("-" = standard output):
 * in is either TSV as 'tmxalign align' writes it (source TAB target
 * [TAB score], UTF-8, an optional header row "source TAB target ...") or
 * an XLSX workbook whose first sheet has a header row naming the columns
 * "source" and "target" (and optionally "score"), as 'align -f xlsx'
 * writes it; told apart by content (a zip archive is XLSX).  One unit a
 * row, tuid the row's line number, the score as prop x-score; rows whose
 * source or target is empty are skipped (stats->empty).  Errors name the
 * file and line (TSV) or row (XLSX): TA_EPARSE (a row without a tab,
 * invalid UTF-8, a score not a number in [0,1], an XLSX without the
 * columns or not a workbook), TA_EINVAL (no languages), TA_ETOOBIG (zip
 * limits), and those of the file reader and the TMX writer. */
TA_EXPORT ta_status ta_tmx_from_table(const char *in, const char *out,
                                      const ta_tmx_table_opts *o,
                                      ta_tmx_table_stats *stats, ta_error *err);

#ifdef __cplusplus
}
#endif
#endif
