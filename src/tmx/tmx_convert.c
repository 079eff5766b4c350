/* TMX to TSV or JSON Lines for corpus tools, streaming: one line per unit
 * that has both the chosen source and target language.  Does not: write
 * more than two languages per line, or keep inline codes unless the read
 * options say so.  Memory: one unit. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmx/tmx_int.h"

void ta_tmx_convert_opts_init(ta_tmx_convert_opts *o) {
  if (!o) return;
  memset(o, 0, sizeof *o);
  o->format = TA_TMX_CONVERT_FORMAT_TSV;
  ta_tmx_read_opts_init(&o->read);
}

/* TSV escapes: the line and field separators and the escape itself. */
static void put_tsv(FILE *fp, const char *s) {
  for (; *s; s++) {
    switch (*s) {
      case '\\':
        fputs("\\\\", fp);
        break;
      case '\t':
        fputs("\\t", fp);
        break;
      case '\n':
        fputs("\\n", fp);
        break;
      case '\r':
        fputs("\\r", fp);
        break;
      default:
        putc(*s, fp);
    }
  }
}

/* A JSON string; the text is valid UTF-8 (libxml2 guarantees it). */
static void put_json(FILE *fp, const char *s) {
  ta__json_string(fp, s, strlen(s));
}

static void put_jsonl(FILE *fp, const ta_tmx_unit *u, const ta_tmx_variant *s,
                      const ta_tmx_variant *t) {
  fputs("{\"tuid\":", fp);
  if (u->tuid)
    put_json(fp, u->tuid);
  else
    fputs("null", fp);
  fputs(",\"srclang\":", fp);
  put_json(fp, s->lang);
  fputs(",\"tgtlang\":", fp);
  put_json(fp, t->lang);
  fputs(",\"source\":", fp);
  put_json(fp, s->text);
  fputs(",\"target\":", fp);
  put_json(fp, t->text);
  fputs(",\"score\":", fp);
  const char *score = ta_tmx_unit_prop(u, "x-score");
  char *end = NULL;
  double v = score ? strtod(score, &end) : 0;
  /* Only a finite number that strtod read whole becomes a JSON number. */
  if (score && end != score && !*end && v == v && v - v == 0)
    fprintf(fp, "%.10g", v);
  else
    fputs("null", fp);
  fputs("}\n", fp);
}

/* The languages met in the file, for the message when a requested one is
 * in no unit: the first MAX_LANGS distinct ones. */
enum { MAX_LANGS = 16 };
typedef struct langs {
  char seen[MAX_LANGS][32];
  size_t n;
  bool more;
  size_t src_found, tgt_found; /* units holding the source / target */
} langs;

static void note_langs(langs *l, const ta_tmx_unit *u) {
  for (size_t i = 0; i < u->nvariants; i++) {
    const char *lang = u->variants[i].lang;
    size_t k = 0;
    while (k < l->n && !ta_tmx_lang_equal(l->seen[k], lang)) k++;
    if (k < l->n) continue;
    if (l->n == MAX_LANGS || strlen(lang) >= sizeof l->seen[0]) {
      l->more = true;
      continue;
    }
    snprintf(l->seen[l->n++], sizeof l->seen[0], "%s", lang);
  }
}

/* TA_EINVAL when a requested language is in no unit at all: every unit
 * would be skipped, and the user asked for something the file lacks. */
static ta_status check_langs(const char *in, const langs *l, size_t units,
                             const char *srclang, const char *tgtlang,
                             ta_error *err) {
  const char *what = NULL, *lang = NULL;
  if (!units) return TA_OK;
  if (!l->src_found) {
    what = "source";
    lang = srclang;
  } else if (!l->tgt_found) {
    what = "target";
    lang = tgtlang;
  } else {
    return TA_OK;
  }
  char have[MAX_LANGS * 34 + 8] = "";
  size_t o = 0;
  for (size_t k = 0; k < l->n; k++)
    o += (size_t)snprintf(have + o, sizeof have - o, "%s%s", k ? ", " : "",
                          l->seen[k]);
  if (l->more) snprintf(have + o, sizeof have - o, ", ...");
  if (!lang)
    return ta__fail(err, TA_EINVAL,
                    "%s: no unit has a %s language (a second variant); the "
                    "file has: %s",
                    in, what, l->n ? have : "no variants");
  return ta__fail(err, TA_EINVAL,
                  "%s: no unit has the %s language '%s'; the file has: %s; "
                  "choose among them (srclang, tgtlang)",
                  in, what, lang, l->n ? have : "no variants");
}

/* The source and target variants of u, or false when one is missing. */
static bool pick(const ta_tmx_unit *u, const char *srclang, const char *tgtlang,
                 const ta_tmx_variant **s, const ta_tmx_variant **t, langs *l) {
  if (!u->nvariants) return false;
  const char *sl = u->srclang ? u->srclang : srclang;
  if (sl && strcmp(sl, "*all*"))
    *s = ta_tmx_unit_find(u, sl);
  else
    *s = &u->variants[0];
  if (!*s) return false;
  l->src_found++;
  *t = NULL;
  if (tgtlang) {
    *t = ta_tmx_unit_find(u, tgtlang);
  } else {
    for (size_t i = 0; i < u->nvariants && !*t; i++)
      if (!ta_tmx_lang_equal(u->variants[i].lang, (*s)->lang))
        *t = &u->variants[i];
  }
  if (*t) l->tgt_found++;
  return *t != NULL;
}

ta_status ta_tmx_convert(const char *in, const char *out,
                         const ta_tmx_convert_opts *o,
                         ta_tmx_convert_stats *stats, ta_error *err) {
  if (!in || !out)
    return ta__fail(err, TA_EINVAL, "tmx: missing argument: %s",
                    !in ? "input" : "output");
  ta_tmx_convert_opts def;
  if (!o) {
    ta_tmx_convert_opts_init(&def);
    o = &def;
  }
  ta_tmx_convert_stats s = {0, 0, 0};
  ta_tmx_reader *r = NULL;
  ta_outfile *of = NULL;
  ta_status st = ta_tmx_reader_open(in, &o->read, &r, err);
  if (st == TA_OK) st = ta_outfile_open(out, &of, err);
  if (st != TA_OK) goto done;
  const char *srclang =
      o->srclang ? o->srclang : ta_tmx_reader_header(r)->srclang;
  FILE *fp = ta_outfile_fp(of);
  langs l = {.n = 0};
  for (;;) {
    const ta_tmx_unit *u = NULL;
    st = ta_tmx_reader_next(r, &u, err);
    if (st != TA_OK || !u) break;
    s.units++;
    note_langs(&l, u);
    const ta_tmx_variant *sv = NULL, *tv = NULL;
    if (!pick(u, srclang, o->tgtlang, &sv, &tv, &l)) {
      s.skipped++;
      continue;
    }
    if (o->format == TA_TMX_CONVERT_FORMAT_JSONL) {
      put_jsonl(fp, u, sv, tv);
    } else {
      put_tsv(fp, sv->text);
      putc('\t', fp);
      put_tsv(fp, tv->text);
      putc('\n', fp);
    }
    if (ferror(fp)) {
      st = ta__fail(err, TA_EIO, "%s: write error: %s", out, strerror(errno));
      break;
    }
    s.written++;
  }
  if (st == TA_OK)
    st = check_langs(in, &l, s.units,
                     srclang && strcmp(srclang, "*all*") ? srclang : NULL,
                     o->tgtlang, err);
  if (st == TA_OK) {
    st = ta_outfile_commit(of, err);
    of = NULL;
  }
done:
  ta_outfile_abort(of);
  ta_tmx_reader_free(r);
  if (st == TA_OK && stats) *stats = s;
  return st;
}
