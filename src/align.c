/* placeholder, replaced by the aligner */
#include "internal.h"
