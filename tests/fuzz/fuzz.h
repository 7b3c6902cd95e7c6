/* What every harness shares: the libFuzzer entry point, declared for the
 * compilers that do not know it (the replay build, tests/fuzz/replay.c). */
#ifndef YOY_FUZZ_H
#define YOY_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
