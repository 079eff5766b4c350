/* tmxalign split: print the sentences of a document. */
#include "cli.h"

int cmd_split(int argc, char **argv) {
  (void)argc;
  (void)argv;
  cli_error("split: not built yet");
  return CLI_ERROR;
}
