// OpenBLAS's CBLAS interface (Debian: libopenblas-dev), for its types and
// prototypes only, from the cblas.h that Debian's alternatives put in
// /usr/include/x86_64-linux-gnu/ (on the compiler's default search path).
//
// The library itself is not linked: DescentEngine opens libopenblas.so.0
// when the first large product runs (see BLAS.swift), because loading it
// at start-up cost a quarter of every `descent` start and a worker thread.
// Nothing here may name a function in a way that needs its symbol at link
// time: the pointer types below are built with __typeof__, which does not.
#ifndef DESCENT_CBLAS_SHIM_H
#define DESCENT_CBLAS_SHIM_H

#include <cblas.h>

// OpenBLAS's own thread control. Declared again here because the cblas.h
// that alternatives picks may be another implementation's, which lacks
// them; the declarations match OpenBLAS's exactly, so a repeat is harmless.
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);

// The functions Descent looks up, as pointer types.
typedef __typeof__(cblas_dgemm) *descent_dgemm_function;
typedef __typeof__(cblas_dgemv) *descent_dgemv_function;
typedef __typeof__(openblas_set_num_threads) *descent_set_threads_function;
typedef __typeof__(openblas_get_num_threads) *descent_get_threads_function;

#endif
