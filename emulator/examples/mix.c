/* Compute mix for speed comparisons over a long run (about 8.5 * 10^8 instructions):
 * sieve of Eratosthenes, table-driven CRC-32, insertion sort, 48x48 integer
 * matrix multiply, ROUNDS times. Prints a line per round, the checksum, and the
 * instructions it retired; exits 0 only when the checksum is the known one.
 * The same file builds for the host (cc -O2 mix.c), where it prints the
 * checksum the RISC-V build must reach. */
#ifdef __riscv
#include "rt.h"
#else
#include <stdint.h>
#include <stdio.h>
#include <string.h>
static uint64_t read_minstret(void) { return 0; }
#endif

#define ROUNDS      205
#define SIEVE_LIMIT 100000
#define CRC_BYTES   40000
#define SORT_COUNT  600
#define MAT_N       48

#define EXPECTED_CHECKSUM 0xfc84f0d2u  /* printed by the host build */

static uint8_t composite[SIEVE_LIMIT];
static uint8_t crc_data[CRC_BYTES];
static uint32_t crc_table[256];
static int32_t sort_data[SORT_COUNT];
static int32_t mat_a[MAT_N][MAT_N], mat_b[MAT_N][MAT_N], mat_c[MAT_N][MAT_N];
static uint32_t rng_state;

static uint32_t next_random(void)
{
    uint32_t x = rng_state;   /* xorshift32 */
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    rng_state = x;
    return x;
}

static uint32_t sieve(void)
{
    memset(composite, 0, sizeof composite);
    uint32_t count = 0, sum = 0;
    for (uint32_t i = 2; i < SIEVE_LIMIT; i++) {
        if (composite[i])
            continue;
        count++;
        sum += i;
        for (uint32_t j = i * 2; j < SIEVE_LIMIT; j += i)
            composite[j] = 1;
    }
    return count * 31u + sum;
}

static uint32_t crc32(const uint8_t *p, uint32_t len)
{
    uint32_t c = 0xFFFFFFFFu;
    for (uint32_t i = 0; i < len; i++)
        c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

static uint32_t sort_round(void)
{
    for (int i = 0; i < SORT_COUNT; i++)
        sort_data[i] = (int32_t)next_random() >> 8;
    for (int i = 1; i < SORT_COUNT; i++) {   /* insertion sort */
        int32_t v = sort_data[i];
        int j = i - 1;
        while (j >= 0 && sort_data[j] > v) {
            sort_data[j + 1] = sort_data[j];
            j--;
        }
        sort_data[j + 1] = v;
    }
    uint32_t h = 0;
    for (int i = 0; i < SORT_COUNT; i++)
        h = h * 31u + (uint32_t)sort_data[i];
    return h;
}

static uint32_t matmul_round(void)
{
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            mat_a[i][j] = (int32_t)(next_random() % 201) - 100;
            mat_b[i][j] = (int32_t)(next_random() % 201) - 100;
        }
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            int32_t s = 0;
            for (int k = 0; k < MAT_N; k++)
                s += mat_a[i][k] * mat_b[k][j];
            mat_c[i][j] = s;
        }
    uint32_t h = 2166136261u;
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++)
            h = (h ^ (uint32_t)mat_c[i][j]) * 16777619u;
    return h;
}

int main(void)
{
    uint64_t start = read_minstret();
    rng_state = 2463534242u;
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[n] = c;
    }
    uint32_t checksum = 0;
    for (int round = 0; round < ROUNDS; round++) {
        for (int i = 0; i < CRC_BYTES; i++)
            crc_data[i] = (uint8_t)next_random();
        uint32_t s = sieve();
        uint32_t c = crc32(crc_data, CRC_BYTES);
        uint32_t so = sort_round();
        uint32_t mm = matmul_round();
        checksum = (checksum << 7 | checksum >> 25) ^ s ^ c ^ so ^ mm;
        printf("round %d: sieve %08x crc %08x sort %08x matmul %08x\n", round, s, c, so, mm);
    }
    uint64_t retired = read_minstret() - start;
    int ok = checksum == EXPECTED_CHECKSUM;
    printf("checksum %08x (expected %08x): %s\n", checksum, EXPECTED_CHECKSUM, ok ? "OK" : "MISMATCH");
    printf("minstret %llu\n", (unsigned long long)retired);
    return ok ? 0 : 1;
}
