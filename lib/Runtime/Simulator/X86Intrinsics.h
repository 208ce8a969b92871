//===- X86Intrinsics.h - the simulator's SIMD kernels' includes -*- C++ -*-===//
//
// Defines HCGS_X86_KERNELS where the compiler can build x86 SIMD kernels
// behind target attributes (chosen at run time by __builtin_cpu_supports),
// and includes the intrinsics.
//
//===----------------------------------------------------------------------===//

#ifndef HCGS_LIB_RUNTIME_SIMULATOR_X86INTRINSICS_H
#define HCGS_LIB_RUNTIME_SIMULATOR_X86INTRINSICS_H

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HCGS_X86_KERNELS 1
// GCC 12 warns inside its own AVX-512 casts and extracts (its bug 105593).
#if !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>
#endif

#endif // HCGS_LIB_RUNTIME_SIMULATOR_X86INTRINSICS_H
