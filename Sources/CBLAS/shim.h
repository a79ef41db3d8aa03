// OpenBLAS's CBLAS interface (Debian: libopenblas-dev). pkg-config `openblas`
// adds the include and library folders; without pkg-config, Debian's
// alternatives links /usr/include/x86_64-linux-gnu/cblas.h and libopenblas.so,
// so `link "openblas"` in the module map still finds the library.
#ifndef DESCENT_CBLAS_SHIM_H
#define DESCENT_CBLAS_SHIM_H

#include <cblas.h>

// OpenBLAS's own thread control. Declared again here because the cblas.h
// that alternatives picks may be another implementation's, which lacks
// them; the declarations match OpenBLAS's exactly, so a repeat is harmless.
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
char *openblas_get_corename(void);

#endif
