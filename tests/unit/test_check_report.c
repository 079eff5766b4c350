/* Check reports: the HTML page parses with libxml2 without an error, links
 * every finding, escapes text; text lines are grep-able; JSON carries the
 * schema; the batch index sorts worst first; write errors are reported. */
#define _POSIX_C_SOURCE 200809L
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cmocka needs the C headers above. */
#include <cmocka.h>

#include "base/base.h"
#include "tmxalign/check.h"

static const char *const fr[] = {
    "Le conseil municipal s’est réuni lundi soir pour examiner le budget de la "
    "ville.",
    "Les dépenses prévues atteignent 1 250 000 euros, soit une hausse de 4,5 % "
    "par rapport à l’an dernier.",
    "Le maire a expliqué que la rénovation de l’école <primaire> & du gymnase "
    "était la priorité absolue.",
    "Plusieurs conseillers ont demandé des précisions sur le coût des travaux "
    "de la piscine municipale.",
    "Pourquoi le chantier a-t-il pris tant de retard ?",
    "L’adjoint chargé des finances a répondu que les entreprises avaient "
    "manqué de matériaux pendant l’hiver.",
    "Un compte rendu détaillé sera publié sur le site de la mairie dans les "
    "prochains jours.",
};
static const char *const en[] = {
    "The town council met on Monday evening to examine the city budget.",
    "Planned spending reaches 1,350,000 euros, an increase of 4.5% over last "
    "year.",
    "The mayor explained that renovating the <primary> school & the gym was "
    "the absolute priority.",
    "Several councillors asked for details on the cost of the work on the "
    "municipal swimming pool.",
    "The building site has fallen behind schedule.",
    "The deputy in charge of finances answered that the companies had run "
    "short of materials during the winter.",
    "A detailed report will be published on the town hall website in the "
    "coming days.",
    "<script>alert(1)</script> Translator's note: the pool has been closed "
    "since the summer drought.",
};

typedef struct fixture {
  ta_doc *src, *tgt;
  ta_alignment *al;
  ta_check_report *rep;
} fixture;

static int setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  ta_error err;
  size_t ps[8] = {0, 1, 2, 3, 4, 5, 6, 7};
  if (ta_doc_from_segments("council.fr.txt", "fr", fr, ps, 7, &f->src, &err) ||
      ta_doc_from_segments("council.en.txt", "en", en, ps, 8, &f->tgt, &err) ||
      ta_align(f->src, f->tgt, NULL, &f->al, &err) || /* default beads */
      ta_check(f->src, f->tgt, f->al, NULL, &f->rep, &err))
    return -1;
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture *f = *state;
  ta_check_report_free(f->rep);
  ta_alignment_free(f->al);
  ta_doc_free(f->src);
  ta_doc_free(f->tgt);
  free(f);
  return 0;
}

static char *render(const fixture *f, ta_check_format fmt, size_t *len) {
  char *buf = NULL;
  FILE *fp = open_memstream(&buf, len);
  ta_error err;
  assert_int_equal(
      ta_check_report_write(fp, fmt, f->src, f->tgt, f->al, f->rep, &err),
      TA_OK);
  fclose(fp);
  return buf;
}

static int html_errors;
static void count_error(void *user, const xmlError *e) {
  (void)user;
  print_message("libxml2: line %d: %s", e->line, e->message);
  html_errors++;
}

static bool has_element(xmlNode *n, const char *name) {
  for (; n; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name))
      return true;
    if (has_element(n->children, name)) return true;
  }
  return false;
}

static void findings_expected(void **state) {
  fixture *f = *state;
  const ta_check_summary *s = ta_check_report_summary(f->rep);
  assert_int_equal(s->by_kind[TA_FINDING_NUMBER], 1);
  assert_int_equal(s->by_kind[TA_FINDING_ADDITION], 1);
  assert_int_equal(s->by_kind[TA_FINDING_PUNCTUATION], 1);
  assert_false(s->complete);
}

static void html_parses_and_links_findings(void **state) {
  fixture *f = *state;
  size_t len;
  char *html = render(f, TA_CHECK_FORMAT_HTML, &len);
  html_errors = 0;
  xmlSetStructuredErrorFunc(NULL, (xmlStructuredErrorFunc)count_error);
  htmlDocPtr doc = htmlReadMemory(html, (int)len, "report.html", "UTF-8", 0);
  xmlSetStructuredErrorFunc(NULL, NULL);
  assert_non_null(doc);
  assert_int_equal(html_errors, 0);
  xmlNode *root = xmlDocGetRootElement(doc);
  /* no script: the target's "<script>" is text */
  assert_false(has_element(root, "script"));
  assert_false(has_element(root, "link"));
  assert_true(has_element(root, "style"));
  xmlFreeDoc(doc);
  assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  assert_non_null(strstr(html, "&lt;primaire&gt; &amp; du gymnase"));
  /* every finding has an anchor and a link from the summary */
  for (size_t i = 1; i <= ta_check_report_count(f->rep); i++) {
    char id[32], href[32];
    snprintf(id, sizeof id, "id=\"f%zu\"", i);
    snprintf(href, sizeof href, "href=\"#f%zu\"", i);
    assert_non_null(strstr(html, id));
    assert_non_null(strstr(html, href));
  }
  /* one row a bead, the verdict at the top */
  size_t rows = 0;
  for (const char *p = html; (p = strstr(p, "<tr id=\"b")); p++) rows++;
  assert_int_equal(rows, ta_alignment_count(f->al));
  assert_true(strstr(html, "incomplete") < strstr(html, "<tr id=\"b1\""));
  assert_null(strstr(html, "http"));
  free(html);
  /* the error counter is not blind: a broken page does count */
  static const char broken[] = "<p><b>x</p></i><table><tr><td>y</tbody>";
  html_errors = 0;
  xmlSetStructuredErrorFunc(NULL, (xmlStructuredErrorFunc)count_error);
  doc = htmlReadMemory(broken, (int)sizeof broken - 1, "b.html", "UTF-8", 0);
  xmlSetStructuredErrorFunc(NULL, NULL);
  assert_true(html_errors > 0);
  xmlFreeDoc(doc);
}

static void text_is_one_line_a_finding(void **state) {
  fixture *f = *state;
  size_t len;
  char *text = render(f, TA_CHECK_FORMAT_TEXT, &len);
  assert_null(strchr(text, '\033'));
  size_t lines = 0, summary = 0;
  for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
    if (line[0] == '#') {
      summary++;
      continue;
    }
    lines++;
    assert_true(!strncmp(line, "council.fr.txt:", 15) ||
                !strncmp(line, "council.en.txt:", 15));
  }
  /* the header, the verdict, why it is incomplete, the counts */
  assert_int_equal(summary, 4);
  assert_int_equal(lines, ta_check_report_count(f->rep));
  free(text);
  text = render(f, TA_CHECK_FORMAT_TEXT, &len);
  assert_non_null(strstr(text,
                         "council.fr.txt:2: number: error: number differs: "
                         "source has 1 250 000, target 1,350,000"));
  assert_non_null(strstr(text, "council.en.txt:8: addition: warning:"));
  assert_non_null(strstr(text, "# verdict: incomplete"));
  assert_non_null(strstr(text, "\n# why: "));
  assert_non_null(strstr(text, "1 number finding"));
  free(text);
  text = render(f, TA_CHECK_FORMAT_TEXT_COLOR, &len);
  assert_non_null(strchr(text, '\033'));
  free(text);
}

static void json_has_schema_and_locations(void **state) {
  fixture *f = *state;
  size_t len;
  char *json = render(f, TA_CHECK_FORMAT_JSON, &len);
  assert_true(
      !strncmp(json, "{\"schema\":\"tmxalign-check\",\"version\":2,", 39));
  assert_non_null(strstr(json, "\"verdict\":\"incomplete\""));
  assert_non_null(strstr(json, "\"kind\":\"number\",\"severity\":\"error\""));
  assert_non_null(strstr(json, "\"line\":2,\"offset\":"));
  assert_non_null(strstr(
      json, "\"fail_on\":[\"omission\",\"partial-omission\",\"number\"]"));
  free(json);
}

static void write_errors_are_reported(void **state) {
  fixture *f = *state;
  FILE *fp = fopen("/dev/full", "w");
  assert_non_null(fp);
  ta_error err;
  ta_error_clear(&err);
  assert_int_equal(ta_check_report_write(fp, TA_CHECK_FORMAT_HTML, f->src,
                                         f->tgt, f->al, f->rep, &err),
                   TA_EIO);
  assert_non_null(strstr(err.message, "check report"));
  fclose(fp);
}

static void index_sorts_worst_first(void **state) {
  (void)state;
  ta_check_index_entry e[4];
  memset(e, 0, sizeof e);
  const char *names[4] = {"a.fr", "b.fr", "c.fr", "d.fr"};
  for (int i = 0; i < 4; i++) {
    e[i].src_path = names[i];
    e[i].tgt_path = names[i];
    e[i].report_path = names[i];
    e[i].summary.complete = true;
    e[i].summary.coverage = 1.0;
  }
  e[1].summary.complete = false; /* b: incomplete at 0.99 */
  e[1].summary.coverage = 0.99;
  e[2].summary.complete = false; /* c: incomplete at 0.90 */
  e[2].summary.coverage = 0.90;
  e[3].status = TA_ENOENT; /* d: could not be read */
  e[3].error = "d.fr: no such file";
  char *buf = NULL;
  size_t len;
  FILE *fp = open_memstream(&buf, &len);
  ta_error err;
  assert_int_equal(ta_check_index_write(fp, TA_CHECK_FORMAT_TEXT, e, 4, &err),
                   TA_OK);
  fclose(fp);
  const char *d = strstr(buf, "error\t"), *c = strstr(buf, "\tc.fr"),
             *b = strstr(buf, "\tb.fr"), *a = strstr(buf, "\ta.fr");
  assert_true(d && c && b && a);
  assert_true(d < c && c < b && b < a);
  free(buf);
  fp = open_memstream(&buf, &len);
  assert_int_equal(ta_check_index_write(fp, TA_CHECK_FORMAT_HTML, e, 4, &err),
                   TA_OK);
  fclose(fp);
  html_errors = 0;
  xmlSetStructuredErrorFunc(NULL, (xmlStructuredErrorFunc)count_error);
  htmlDocPtr doc = htmlReadMemory(buf, (int)len, "index.html", "UTF-8", 0);
  xmlSetStructuredErrorFunc(NULL, NULL);
  assert_non_null(doc);
  assert_int_equal(html_errors, 0);
  xmlFreeDoc(doc);
  free(buf);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(findings_expected),
      cmocka_unit_test(html_parses_and_links_findings),
      cmocka_unit_test(text_is_one_line_a_finding),
      cmocka_unit_test(json_has_schema_and_locations),
      cmocka_unit_test(write_errors_are_reported),
      cmocka_unit_test(index_sorts_worst_first),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
