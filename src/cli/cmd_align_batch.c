/* tmxalign align --batch: many document pairs into one memory. */
#include "cli.h"

int cmd_align_batch(int argc, char **argv) {
  (void)argc;
  (void)argv;
  cli_error("align: --batch is not available yet");
  return CLI_ERROR;
}
