/* --help of a command: its usage and description, then the options of the
 * table that belong to it, wrapped to 80 columns, then its formats,
 * examples and exit status. */
#include <stdbool.h>
#include <string.h>

#include "options.h"

enum { WIDTH = 79, MAX_COLUMN = 30 };

/* "  -s, --source-lang LANG" */
static int left_part(const cli_opt *o, char *buf, size_t n) {
  return snprintf(buf, n, "  %c%c%s--%s%s%s", o->letter ? '-' : ' ',
                  o->letter ? o->letter : ' ', o->letter ? ", " : "  ", o->name,
                  o->arg ? " " : "", o->arg ? o->arg : "");
}

/* text in words from column col to WIDTH, the first line after the
 * option itself (at columns), or below it when it reaches col. */
static void wrap(FILE *fp, const char *text, int at, int col) {
  bool line_start = true;
  if (at + 2 > col) {
    fputc('\n', fp);
    at = 0;
  }
  for (const char *p = text; *p; p += strspn(p, " ")) {
    int len = (int)strcspn(p, " ");
    if (!line_start && at + 1 + len > WIDTH) {
      fputc('\n', fp);
      at = 0;
      line_start = true;
    }
    if (line_start)
      fprintf(fp, "%*s", col - at, "");
    else
      fputc(' ', fp);
    at = line_start ? col : at + 1;
    line_start = false;
    fwrite(p, 1, (size_t)len, fp);
    at += len;
    p += len;
  }
  fputc('\n', fp);
}

/* -f's line comes from the command's formats, so that the help says what
 * cli_output_format does. */
static void format_help(const cli_command *cmd, char *buf, size_t n) {
  char names[160];
  cli_choice_list(cmd->formats, names, sizeof names);
  size_t len = (size_t)snprintf(buf, n,
                                "%s (default: %s, or the one -o's name ends "
                                "with:",
                                names, cmd->formats[0].name);
  for (size_t i = 0; cmd->formats[i].name && len < n; i++)
    if (cmd->formats[i].exts)
      len += (size_t)snprintf(buf + len, n - len, " %s", cmd->formats[i].exts);
  if (len < n) snprintf(buf + len, n - len, ")");
}

void cli_help(const cli_command *cmd, FILE *fp) {
  fprintf(fp, "%s\n%s\noptions:\n", cmd->usage, cmd->about);
  int col = 0;
  char left[96];
  for (size_t k = 0; k < cli_noptions; k++) {
    int w = left_part(&cli_options[k], left, sizeof left) + 2;
    if ((cli_options[k].cmds & cmd->bit) && w > col && w <= MAX_COLUMN) col = w;
  }
  for (size_t k = 0; k < cli_noptions; k++) {
    const cli_opt *o = &cli_options[k];
    if (!(o->cmds & cmd->bit)) continue;
    char fmt[256];
    const char *text = o->help;
    if (!text) { /* -f */
      format_help(cmd, fmt, sizeof fmt);
      text = fmt;
    }
    int at = left_part(o, left, sizeof left);
    fputs(left, fp);
    wrap(fp, text, at, col);
  }
  fprintf(fp, "\n%s", cmd->more);
}
