/* tmxalign align: align a document with its translation. */
#include "cli.h"

int cmd_align(int argc, char **argv) {
  (void)argc;
  (void)argv;
  cli_error("align: not built yet");
  return CLI_ERROR;
}
