/* convert: a table of reviewed pairs (TSV, XLSX) to TMX. */
#ifndef TMXALIGN_CLI_CONVERT_TABLE_H
#define TMXALIGN_CLI_CONVERT_TABLE_H

#include <stdbool.h>

#include "options.h"

bool cli_convert_is_table(const char *in);
int cli_convert_table(const cli_args *a, const char *in, const char *out);

#endif
