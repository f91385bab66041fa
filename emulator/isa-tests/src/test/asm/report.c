/* Reporting for the ISA tests: one line per case, exit code = failures. */
#include "rt.h"

static uint32_t failures;
static uint32_t cases;

void check(uint32_t got, uint32_t expected, const char *name)
{
    cases++;
    if (got == expected) {
        printf("ok %s\n", name);
    } else {
        failures++;
        printf("FAIL %s got 0x%08x expected 0x%08x\n", name, got, expected);
    }
}

void finish(void)
{
    printf("%u cases, %u failures\n", cases, failures);
    exit((int)failures);
}
