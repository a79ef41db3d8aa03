// cmark-gfm and its table/strikethrough/autolink extensions. The extensions
// ship no pkg-config file, so the module map links both libraries by name.
#ifndef DESCENT_CMARK_SHIM_H
#define DESCENT_CMARK_SHIM_H

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#endif
