/* SRT and WebVTT subtitles as a document: the text of every cue, in file
 * order, run together into one paragraph, so that a sentence spread over
 * several cues (as subtitles split long sentences) is one sentence.  Cue
 * numbers, timings, the WEBVTT header, NOTE, STYLE and REGION blocks,
 * speaker dashes opening a line, tags (<i>, <font ...>, <v Speaker>, <c.x>,
 * <00:01.000>) and ASS overrides ({\an8}) are dropped; &amp; &lt; &gt; &nbsp;
 * are decoded. A sentence's line is the number (1-based, in file order) of the
 * cue it starts in; [offset, end) runs from that cue's text to the end of the
 * text of the cue it ends in.
 * Does not: keep timings, or cut paragraphs at pauses (a pause says
 * nothing reliable about sentences).
 * Memory: the decoded file, the cue text once more and one record a cue. */
#include <stdlib.h>
#include <string.h>

#include "text/text_int.h"

typedef struct cue {
  size_t at;       /* where its text starts in the paragraph buffer */
  size_t off, end; /* its text in the original bytes */
} cue;

typedef struct sctx {
  const char *name;
  ta__text t;
  ta__buf buf; /* all the cues' text */
  cue *cues;
  size_t ncues, cap;
  ta_doc *d;
  size_t para;
} sctx;

static bool blank(const char *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!strchr(" \t\r\f\v", p[i])) return false;
  return true;
}

static bool starts(const char *p, size_t n, const char *s) {
  size_t k = strlen(s);
  return n >= k && !memcmp(p, s, k);
}

static bool has_arrow(const char *p, size_t n) {
  for (size_t i = 0; i + 3 <= n; i++)
    if (!memcmp(p + i, "-->", 3)) return true;
  return false;
}

/* Append one line of cue text without its tags, entities decoded. */
static ta_status add_text(sctx *c, const char *p, size_t n) {
  static const struct {
    const char *ent, *text;
  } ents[] = {{"&amp;", "&"},         {"&lt;", "<"},  {"&gt;", ">"},
              {"&nbsp;", "\xC2\xA0"}, {"&lrm;", ""},  {"&rlm;", ""},
              {"&quot;", "\""},       {"&apos;", "'"}};
  ta_status st = TA_OK;
  if (c->buf.len) st = ta__buf_addc(&c->buf, ' ');
  /* a dash opening a line marks a change of speaker, not text */
  size_t i = 0;
  if (n >= 2 && p[0] == '-' && p[1] == ' ')
    i = 2;
  else if (n >= 4 &&
           (starts(p, n, "\xE2\x80\x93 ") || starts(p, n, "\xE2\x80\x94 ")))
    i = 4;
  for (; st == TA_OK && i < n;) {
    const char *close = NULL;
    if (p[i] == '<') close = memchr(p + i, '>', n - i);
    if (!close && p[i] == '{' && i + 1 < n && p[i + 1] == '\\')
      close = memchr(p + i, '}', n - i);
    if (close) {
      i = (size_t)(close - p) + 1;
      continue;
    }
    size_t e = 0;
    if (p[i] == '&')
      for (; e < sizeof ents / sizeof ents[0]; e++)
        if (starts(p + i, n - i, ents[e].ent)) break;
    if (p[i] == '&' && e < sizeof ents / sizeof ents[0]) {
      st = ta__buf_add(&c->buf, ents[e].text, strlen(ents[e].text));
      i += strlen(ents[e].ent);
    } else {
      st = ta__buf_addc(&c->buf, p[i++]);
    }
  }
  return st;
}

typedef struct line {
  size_t b, e; /* in the decoded text */
} line;

static ta_status add_sentence(void *vctx, const char *text, size_t len,
                              size_t b, size_t e, bool cut) {
  (void)cut;
  sctx *c = vctx;
  /* the last cue starting at or before b, and the one holding e - 1 */
  size_t lo = 0, hi = c->ncues;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (c->cues[mid].at <= b)
      lo = mid;
    else
      hi = mid;
  }
  size_t first = lo, last = lo;
  while (last + 1 < c->ncues && c->cues[last + 1].at < e) last++;
  return ta__doc_add(c->d, text, len, c->cues[first].off, c->cues[last].end,
                     first + 1, c->para);
}

static ta_status parse(sctx *c, bool vtt, ta_error *err) {
  const char *p = c->t.p;
  size_t len = c->t.len, i = 0, lineno = 0;
  line *block = NULL;
  size_t nb = 0, cap = 0, block_line = 0;
  ta_status st = TA_OK;
  bool header = vtt; /* the first block of a WebVTT file */
  for (;;) {
    /* gather one block: lines up to a blank one */
    nb = 0;
    while (i < len) {
      const char *nl = memchr(p + i, '\n', len - i);
      size_t e = nl ? (size_t)(nl - p) : len;
      lineno++;
      bool is_blank = blank(p + i, e - i);
      size_t b = i;
      i = nl ? e + 1 : len;
      if (is_blank) {
        if (nb) break;
        continue;
      }
      if (!nb) block_line = lineno;
      size_t ee = e;
      while (ee > b && p[ee - 1] == '\r') ee--;
      if (ta__reserve(&block, &cap, nb + 1) != TA_OK) {
        free(block);
        return ta__fail(err, TA_ENOMEM, "%s: out of memory", c->name);
      }
      block[nb++] = (line){b, ee};
    }
    if (!nb) break;
    const char *l0 = p + block[0].b;
    size_t n0 = block[0].e - block[0].b;
    if (header) {
      header = false;
      if (!starts(l0, n0, "WEBVTT")) {
        st = ta__fail(err, TA_EPARSE,
                      "%s: line %zu: a WebVTT file starts with 'WEBVTT'",
                      c->name, block_line);
        break;
      }
      continue;
    }
    if (vtt &&
        (starts(l0, n0, "NOTE") || starts(l0, n0, "STYLE") ||
         starts(l0, n0, "REGION")) &&
        !has_arrow(l0, n0))
      continue;
    /* the timing line is the first or (after a number or an id) the
     * second */
    size_t tl = has_arrow(l0, n0) ? 0 : 1;
    if (tl >= nb || !has_arrow(p + block[tl].b, block[tl].e - block[tl].b)) {
      st = ta__fail(err, TA_EPARSE,
                    "%s: line %zu: a cue without its timing line "
                    "('00:00:01%s000 --> 00:00:02%s000'); is this %s?",
                    c->name, block_line + tl, vtt ? "." : ",", vtt ? "." : ",",
                    vtt ? "WebVTT" : "SRT");
      break;
    }
    if (ta__reserve(&c->cues, &c->cap, c->ncues + 1) != TA_OK) {
      st = ta__fail(err, TA_ENOMEM, "%s: out of memory", c->name);
      break;
    }
    if (tl + 1 >= nb) continue; /* a cue without text */
    cue *q = &c->cues[c->ncues++];
    q->at = c->buf.len ? c->buf.len + 1 : 0;
    q->off = ta__text_orig(&c->t, block[tl + 1].b);
    q->end = ta__text_orig(&c->t, block[nb - 1].e);
    for (size_t k = tl + 1; k < nb && st == TA_OK; k++)
      st = add_text(c, p + block[k].b, block[k].e - block[k].b);
    if (st != TA_OK) {
      st = ta__fail(err, st, "%s: %s", c->name, ta_strerror(st));
      break;
    }
  }
  free(block);
  return st;
}

ta_status ta__subtitles_load(const char *name, const unsigned char *data,
                             size_t len, bool vtt, const ta_split_opts *o,
                             ta__splitter *sp, ta_doc *d, ta_error *err) {
  sctx c;
  memset(&c, 0, sizeof c);
  c.name = name;
  c.d = d;
  c.para = d->paragraphs;
  ta__buf_init(&c.buf, SIZE_MAX);
  ta_status st = ta__decode(name, data, len, o, &c.t, err);
  if (st == TA_OK) st = ta__doc_set_encoding(d, c.t.encoding);
  if (st == TA_OK) st = parse(&c, vtt, err);
  if (st == TA_OK && c.buf.len) {
    size_t ok = ta__utf8_check((const unsigned char *)c.buf.p, c.buf.len);
    st = ta__splitter_run(sp, c.buf.p, ok, add_sentence, &c);
    if (st != TA_OK && !(err && err->status == st))
      st = ta__fail(err, st, "%s: %s", name, ta_strerror(st));
  }
  ta__text_free(&c.t);
  ta__buf_free(&c.buf);
  free(c.cues);
  return st;
}
