#ifndef HUELLA_CFUZZDRIVER_H
#define HUELLA_CFUZZDRIVER_H
#include <stddef.h>
#include <stdint.h>

// libFuzzer's entry for programs that have their own main: SwiftPM names an executable's
// entry point <Module>_main, so the fuzz target calls the driver from there.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
