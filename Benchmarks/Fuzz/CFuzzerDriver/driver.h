#ifndef NYHETSBREV_FUZZER_DRIVER_H
#define NYHETSBREV_FUZZER_DRIVER_H

#include <stddef.h>
#include <stdint.h>

/* libFuzzer's entry for programs that have their own main: SwiftPM gives
   every executable a main of its own, so the fuzzer starts from there.
   Provided by the runtime that -sanitize=fuzzer links; only referenced when
   FeedFuzzer is built with -DFUZZING. */
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
