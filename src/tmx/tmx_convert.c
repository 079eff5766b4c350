/* TMX to TSV or JSON Lines for corpus tools, streaming: one line per unit
 * that has both the chosen source and target language.  Does not: write
 * more than two languages per line, or keep inline codes unless the read
 * options say so.  Memory: one unit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmx/tmx_int.h"

void ta_tmx_convert_opts_init(ta_tmx_convert_opts *o) {
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

/* The source and target variants of u, or false when one is missing. */
static bool pick(const ta_tmx_unit *u, const char *srclang, const char *tgtlang,
                 const ta_tmx_variant **s, const ta_tmx_variant **t) {
  if (!u->nvariants) return false;
  const char *sl = u->srclang ? u->srclang : srclang;
  if (sl && strcmp(sl, "*all*"))
    *s = ta_tmx_unit_find(u, sl);
  else
    *s = &u->variants[0];
  if (!*s) return false;
  *t = NULL;
  if (tgtlang) {
    *t = ta_tmx_unit_find(u, tgtlang);
  } else {
    for (size_t i = 0; i < u->nvariants && !*t; i++)
      if (!ta_tmx_lang_equal(u->variants[i].lang, (*s)->lang))
        *t = &u->variants[i];
  }
  return *t != NULL;
}

ta_status ta_tmx_convert(const char *in, const char *out,
                         const ta_tmx_convert_opts *o,
                         ta_tmx_convert_stats *stats, ta_error *err) {
  if (!in || !out) return ta__fail(err, TA_EINVAL, "tmx: missing argument");
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
  for (;;) {
    const ta_tmx_unit *u = NULL;
    st = ta_tmx_reader_next(r, &u, err);
    if (st != TA_OK || !u) break;
    s.units++;
    const ta_tmx_variant *sv = NULL, *tv = NULL;
    if (!pick(u, srclang, o->tgtlang, &sv, &tv)) {
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
      st = ta__fail(err, TA_EIO, "%s: write error", out);
      break;
    }
    s.written++;
  }
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
