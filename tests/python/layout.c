/* Sizes and member offsets of the public structs, one "name size" or
 * "name.member offset" a line, for tests/python/test_tmxalign.py: the
 * ctypes mirrors of python/tmxalign must match them exactly. */
#include <stddef.h>
#include <stdio.h>
#include <tmxalign/tmxalign.h>

#define S(t) printf("%s %zu\n", #t, sizeof(t))
#define M(t, m) printf("%s.%s %zu\n", #t, #m, offsetof(t, m))

int main(void) {
  S(ta_error);
  M(ta_error, status);
  M(ta_error, message);
  S(ta_note);
  M(ta_note, fn);
  M(ta_note, user);
  S(ta_sentence);
  M(ta_sentence, text);
  M(ta_sentence, len);
  M(ta_sentence, offset);
  M(ta_sentence, end);
  M(ta_sentence, line);
  M(ta_sentence, paragraph);
  S(ta_split_opts);
  M(ta_split_opts, lang);
  M(ta_split_opts, input);
  M(ta_split_opts, encoding);
  M(ta_split_opts, max_input_bytes);
  M(ta_split_opts, max_sentence_bytes);
  M(ta_split_opts, note);
  M(ta_split_opts, srx);
  S(ta_align_opts);
  M(ta_align_opts, max_bead);
  M(ta_align_opts, weights);
  M(ta_align_opts, length_weight);
  M(ta_align_opts, use_paragraphs);
  M(ta_align_opts, min_band);
  M(ta_align_opts, max_band);
  M(ta_align_opts, passes);
  M(ta_align_opts, lexicon);
  M(ta_align_opts, self_train);
  M(ta_align_opts, note);
  M(ta_align_opts, posteriors);
  M(ta_align_opts, threads);
  S(ta_bead);
  M(ta_bead, src_begin);
  M(ta_bead, src_len);
  M(ta_bead, tgt_begin);
  M(ta_bead, tgt_len);
  M(ta_bead, score);
  M(ta_bead, cost);
  M(ta_bead, cost_length);
  M(ta_bead, cost_chance);
  M(ta_bead, cost_prior);
  M(ta_bead, cost_paragraph);
  M(ta_bead, cost_anchor);
  S(ta_align_summary);
  M(ta_align_summary, beads);
  M(ta_align_summary, by_type);
  M(ta_align_summary, mean_score);
  M(ta_align_summary, length_ratio);
  M(ta_align_summary, length_var);
  M(ta_align_summary, length_var_raw);
  M(ta_align_summary, band);
  S(ta_check_opts);
  M(ta_check_opts, min_coverage);
  M(ta_check_opts, fail_on);
  M(ta_check_opts, kinds);
  M(ta_check_opts, length_z);
  M(ta_check_opts, partial_threshold);
  M(ta_check_opts, hint_threshold);
  M(ta_check_opts, untranslated_share);
  M(ta_check_opts, untranslated_min_words);
  M(ta_check_opts, lexicon);
  M(ta_check_opts, mostly_untranslated);
  M(ta_check_opts, unaligned_share);
  M(ta_check_opts, given_pairs);
  M(ta_check_opts, min_probability);
  S(ta_check_span);
  M(ta_check_span, begin);
  M(ta_check_span, len);
  M(ta_check_span, paragraph);
  M(ta_check_span, line);
  M(ta_check_span, offset);
  M(ta_check_span, end);
  S(ta_finding);
  M(ta_finding, kind);
  M(ta_finding, severity);
  M(ta_finding, bead);
  M(ta_finding, nbeads);
  M(ta_finding, src);
  M(ta_finding, tgt);
  M(ta_finding, value);
  M(ta_finding, whole_paragraph);
  M(ta_finding, message);
  M(ta_finding, probability);
  S(ta_check_summary);
  M(ta_check_summary, src_sentences);
  M(ta_check_summary, tgt_sentences);
  M(ta_check_summary, src_translated);
  M(ta_check_summary, src_chars);
  M(ta_check_summary, src_chars_translated);
  M(ta_check_summary, tgt_added);
  M(ta_check_summary, coverage);
  M(ta_check_summary, char_coverage);
  M(ta_check_summary, mean_confidence);
  M(ta_check_summary, by_kind);
  M(ta_check_summary, by_severity);
  M(ta_check_summary, complete);
  S(ta_tmx_prop);
  M(ta_tmx_prop, type);
  M(ta_tmx_prop, value);
  S(ta_tmx_variant);
  M(ta_tmx_variant, lang);
  M(ta_tmx_variant, text);
  S(ta_tmx_unit);
  M(ta_tmx_unit, tuid);
  M(ta_tmx_unit, srclang);
  M(ta_tmx_unit, variants);
  M(ta_tmx_unit, nvariants);
  M(ta_tmx_unit, props);
  M(ta_tmx_unit, nprops);
  S(ta_tmx_header);
  M(ta_tmx_header, srclang);
  M(ta_tmx_header, adminlang);
  M(ta_tmx_header, datatype);
  M(ta_tmx_header, segtype);
  M(ta_tmx_header, creationtool);
  M(ta_tmx_header, creationtoolversion);
  M(ta_tmx_header, o_tmf);
  M(ta_tmx_header, creationdate);
  M(ta_tmx_header, o_encoding);
  S(ta_tmx_write_opts);
  M(ta_tmx_write_opts, doctype);
  M(ta_tmx_write_opts, note);
  S(ta_tmx_align_opts);
  M(ta_tmx_align_opts, keep_unaligned);
  M(ta_tmx_align_opts, min_score);
  M(ta_tmx_align_opts, document);
  M(ta_tmx_align_opts, write);
  S(ta_tmx_align_stats);
  M(ta_tmx_align_stats, units);
  M(ta_tmx_align_stats, unaligned);
  M(ta_tmx_align_stats, below_score);
  S(ta_tmx_read_opts);
  M(ta_tmx_read_opts, inline_codes);
  M(ta_tmx_read_opts, max_seg_bytes);
  M(ta_tmx_read_opts, max_variants);
  M(ta_tmx_read_opts, note);
  /* the enum counts the module mirrors */
  printf(
      "TA_ANCHOR_COUNT %d\nTA_ANCHOR_MAX %d\nTA_FINDING_KIND_MAX %d\n"
      "TA_SEVERITY_MAX %d\n",
      (int)TA_ANCHOR_COUNT, (int)TA_ANCHOR_MAX, (int)TA_FINDING_KIND_MAX,
      (int)TA_SEVERITY_MAX);
  return 0;
}
