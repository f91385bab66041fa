/* The examples' compute benchmark run LOOPS times in one program, so that a
 * single recording passes 10^9 instructions (ReplayBenchmark needs that). */
#define main bench_main
#include "bench.c"
#undef main

#define LOOPS 3

int main(void)
{
    int failures = 0;
    for (int i = 0; i < LOOPS; i++)
        failures += bench_main() != 0;
    printf("benchloop: %d loops, %d with another checksum\n", LOOPS, failures);
    return 0;
}
