/* Is each document in the language it was declared in?  A target handed in
 * with the wrong -t (a German file where English was expected), or the
 * wrong file altogether, aligns as badly as an unrelated text, and the
 * reviewer should hear "this is German, not English" first, not a list of
 * omissions.
 *
 * Two kinds of evidence, both cheap and independent of the alignment:
 * - the script: Han with kana is Japanese, Han alone Chinese, Hangul
 *   Korean, and Cyrillic, Greek, Arabic, Hebrew, Thai, Devanagari... each
 *   ruled out for a tag whose languages never write in it;
 * - for Latin script, a profile of function words (articles, pronouns,
 *   prepositions, conjunctions, the commonest verbs): the words every text
 *   in a language is full of, and which the neighbours do not share much.
 * A sentence is decided only when its evidence is clear; the document only
 * when most of its decided sentences point to one other language, so a
 * translation that quotes lines of the original stays what it is. */
#include <stdio.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "check/check_int.h"

/* Languages whose function words we know: the commonest, each a list long
 * enough that a sentence of ordinary prose has two or three of them.
 * Words two languages share ("a", "de", "en", "in", "die"...) are kept
 * where they are frequent; the margin rule below settles them. */
typedef struct profile {
  const char *lang;
  const char *name;
  const char *words; /* space-separated, lowercase, NFC */
} profile;

static const profile profiles[] = {
    {"en", "English",
     "the of and to is was that for it with as his he on be at by this had "
     "not but from or have an they which you were her she their been has "
     "would there what all when we will who my him me them your could "
     "said did do if into than so no"},
    {"fr", "French",
     "le la les des du et est une un que qui dans pour pas sur au aux il "
     "elle ils elles ce cette avec son sa ses se ne mais nous vous lui "
     "leur été était sont avait fait comme tout plus je on y"},
    {"de", "German",
     "der die das und ist nicht ein eine einen dem den des zu mit sich auf "
     "für von im ich sie er es auch wie war wird noch aus bei nach oder "
     "aber wenn hat sind wir ihr ihm ihn sein seine nur schon über"},
    {"es", "Spanish",
     "el la los las y que del en un una por con para es no se su sus al "
     "lo como más pero fue este esta ha muy sin sobre también le era "
     "hay desde todo ya cuando"},
    {"it", "Italian",
     "il la le di che e è un una per non con del della dei nel nella si "
     "gli lo sono come ma anche più al alla da ha questo questa era suo "
     "sua loro quando già"},
    {"pt", "Portuguese",
     "o a os as e que do da dos das em um uma para com não por se no na "
     "mais como mas foi ao seu sua ele ela são também já muito quando "
     "pelo pela está"},
    {"nl", "Dutch",
     "de het een en van in is dat op te niet zijn met voor hij ze er aan "
     "maar ook als bij of door naar dan wat was heeft worden wordt nog "
     "zij deze"},
};
#define NPROFILES (sizeof profiles / sizeof profiles[0])

/* What a sentence reads as: an index into profiles, or one of these. */
enum {
  READ_NONE = -1,    /* too little evidence */
  READ_ZH = 100,     /* Han, no kana */
  READ_JA,           /* kana */
  READ_KO,           /* Hangul */
  READ_OTHER_SCRIPT, /* a non-Latin script we name by its script */
};

/* The primary subtag of tag in buf ("pt-BR" -> "pt"). */
static void primary(const char *tag, char *buf, size_t size) {
  size_t i = 0;
  for (; tag && tag[i] && tag[i] != '-' && tag[i] != '_' && i + 1 < size; i++)
    buf[i] = (char)(tag[i] >= 'A' && tag[i] <= 'Z' ? tag[i] + 32 : tag[i]);
  buf[i] = '\0';
}

static bool in_list(const char *words, const char *w, size_t n) {
  for (const char *p = words; *p;) {
    const char *e = strchr(p, ' ');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    if (len == n && !memcmp(p, w, n)) return true;
    if (!e) break;
    p = e + 1;
  }
  return false;
}

typedef struct reading {
  int lang;          /* READ_* or a profile index */
  UScriptCode other; /* the script, for READ_OTHER_SCRIPT */
} reading;

/* Function-word hits of one lowercase word into hits[]: a word in k
 * profiles counts 1/k in each ("pour" says French, "la" hardly more than
 * Romance). */
static void count_word(const char *w, size_t n, double *hits) {
  bool in[NPROFILES];
  int k = 0;
  for (size_t p = 0; p < NPROFILES; p++)
    k += in[p] = in_list(profiles[p].words, w, n);
  for (size_t p = 0; k && p < NPROFILES; p++)
    if (in[p]) hits[p] += 1.0 / k;
}

static reading read_sentence(const ta_sentence *s) {
  reading r = {READ_NONE, USCRIPT_INVALID_CODE};
  size_t latin = 0, han = 0, kana = 0, hangul = 0, other = 0;
  UScriptCode other_script = USCRIPT_INVALID_CODE;
  double hits[NPROFILES] = {0};
  char word[64];
  size_t wl = 0;
  for (int32_t i = 0, n = (int32_t)s->len; i <= n;) {
    UChar32 c = 0;
    if (i < n)
      U8_NEXT(s->text, i, n, c);
    else
      i++; /* one pass past the end flushes the last word */
    UErrorCode e = U_ZERO_ERROR;
    UScriptCode sc = c > 0 ? uscript_getScript(c, &e) : USCRIPT_COMMON;
    bool letter = c > 0 && u_isalpha(c);
    if (letter && sc == USCRIPT_LATIN) {
      latin++;
      UChar32 lc = u_tolower(c);
      if (wl + U8_LENGTH(lc) < sizeof word) {
        U8_APPEND_UNSAFE(word, wl, lc);
      } else {
        wl = sizeof word; /* too long for a function word */
      }
      continue;
    }
    if (wl && wl < sizeof word) count_word(word, wl, hits);
    wl = 0;
    if (!letter) continue;
    if (sc == USCRIPT_HAN)
      han++;
    else if (sc == USCRIPT_HIRAGANA || sc == USCRIPT_KATAKANA)
      kana++;
    else if (sc == USCRIPT_HANGUL)
      hangul++;
    else if (sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED)
      other++, other_script = sc;
  }
  size_t letters = latin + han + kana + hangul + other;
  if (letters < 8) return r; /* "OK.", "—", a number: no evidence */
  if (kana * 20 >= letters) return r.lang = READ_JA, r;
  if (hangul * 2 >= letters) return r.lang = READ_KO, r;
  if (han * 2 >= letters) return r.lang = READ_ZH, r;
  if (other * 2 >= letters) {
    r.lang = READ_OTHER_SCRIPT;
    r.other = other_script;
    return r;
  }
  if (latin * 2 < letters) return r;
  /* Latin: the profile with the most function words, by a clear margin */
  int best = -1;
  double second = 0;
  for (size_t p = 0; p < NPROFILES; p++) {
    if (best < 0 || hits[p] > hits[best]) {
      if (best >= 0) second = hits[best];
      best = (int)p;
    } else if (hits[p] > second) {
      second = hits[p];
    }
  }
  if (best >= 0 && hits[best] >= 1.5 && hits[best] >= 1.5 * second)
    r.lang = best;
  return r;
}

/* Does what a sentence reads as fit the declared language?  Unknown when
 * we have no profile for the declared language and the sentence is in
 * Latin script: then nothing is said. */
static int fits(const reading *r, const char *lang) {
  if (r->lang == READ_NONE) return -1;
  if (r->lang == READ_JA) return !strcmp(lang, "ja");
  if (r->lang == READ_KO) return !strcmp(lang, "ko");
  /* Han alone: Chinese.  A Japanese heading may be all kanji, but its
   * prose has kana in nearly every sentence (particles, endings), so a
   * Japanese document's Han-only lines stay a minority. */
  if (r->lang == READ_ZH) return !strcmp(lang, "zh") || !strcmp(lang, "yue");
  if (r->lang == READ_OTHER_SCRIPT) {
    /* a tag that never writes in Latin script either: no opinion */
    for (size_t p = 0; p < NPROFILES; p++)
      if (!strcmp(lang, profiles[p].lang)) return 0;
    if (!strcmp(lang, "zh") || !strcmp(lang, "ja") || !strcmp(lang, "ko"))
      return 0;
    return -1;
  }
  for (size_t p = 0; p < NPROFILES; p++)
    if (!strcmp(lang, profiles[p].lang)) return r->lang == (int)p;
  /* a Latin-script text and a language we have no profile for: only the
   * CJK tags are surely wrong */
  return !strcmp(lang, "zh") || !strcmp(lang, "ja") || !strcmp(lang, "ko") ? 0
                                                                           : -1;
}

static const char *reading_name(int lang, UScriptCode other) {
  switch (lang) {
    case READ_ZH:
      return "Chinese";
    case READ_JA:
      return "Japanese";
    case READ_KO:
      return "Korean";
    case READ_OTHER_SCRIPT:
      return uscript_getName(other);
    default:
      return lang >= 0 && (size_t)lang < NPROFILES ? profiles[lang].name
                                                   : "another language";
  }
}

/* Findings need a share of decided sentences and a clear majority for one
 * other language: a bilingual edition's quoted lines stay a minority. */
#define MIN_DECIDED 5
#define MAX_FITTING_SHARE 0.3
#define MIN_OTHER_SHARE 0.6

static ta_status check_side(ta__check_ctx *c, const ta_doc *d, bool target) {
  char lang[16];
  primary(ta_doc_lang(d), lang, sizeof lang);
  size_t n = ta_doc_count(d), decided = 0, fit = 0;
  size_t votes[NPROFILES + 4] = {0};
  UScriptCode other = USCRIPT_INVALID_CODE;
  for (size_t i = 0; i < n; i++) {
    reading r = read_sentence(ta_doc_sentence(d, i));
    int f = fits(&r, lang);
    if (f < 0) continue;
    decided++;
    if (f) {
      fit++;
      continue;
    }
    size_t slot = r.lang >= READ_ZH ? NPROFILES + (size_t)(r.lang - READ_ZH)
                                    : (size_t)r.lang;
    votes[slot]++;
    if (r.lang == READ_OTHER_SCRIPT) other = r.other;
  }
  if (decided < MIN_DECIDED ||
      (double)fit > MAX_FITTING_SHARE * (double)decided)
    return TA_OK;
  size_t best = 0;
  for (size_t k = 1; k < NPROFILES + 4; k++)
    if (votes[k] > votes[best]) best = k;
  if ((double)votes[best] < MIN_OTHER_SHARE * (double)decided) return TA_OK;
  int as = best < NPROFILES ? (int)best : READ_ZH + (int)(best - NPROFILES);
  const char *name = reading_name(as, other);
  size_t nb = ta_alignment_count(c->al);
  double share = (double)votes[best] / (double)decided;
  ta__finding_item *it = ta__check_add(
      c, TA_FINDING_LANGUAGE, 0, nb, share,
      "the %s reads as %s, not as the declared '%s' (%zu of %zu sentences "
      "with clear evidence): is %s right, or is it the wrong file?",
      target ? "translation" : "source", name, ta_doc_lang(d), votes[best],
      decided, target ? "-t" : "-s");
  if (!it) return TA_ENOMEM;
  it->summary = true;
  it->pub.severity = TA_SEVERITY_ERROR;
  ta__check_span(c->src, 0, 0, &it->pub.src);
  ta__check_span(c->tgt, 0, 0, &it->pub.tgt);
  return TA_OK;
}

ta_status ta__check_language(ta__check_ctx *c) {
  ta_status st = check_side(c, c->src, false);
  /* a target that is the source itself has its own, plainer finding */
  for (size_t i = 0; i < c->r->n; i++)
    if (c->r->items[i].summary &&
        c->r->items[i].pub.kind == TA_FINDING_UNTRANSLATED)
      return st;
  if (st == TA_OK) st = check_side(c, c->tgt, true);
  return st;
}
