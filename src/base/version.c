#include "base/base.h"

int ta_version(void) { return TA_VERSION; }
const char *ta_version_string(void) { return TA_VERSION_STRING; }
