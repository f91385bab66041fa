/* Compute benchmark: sieve, CRC32, sorting and integer matrix multiply,
 * repeated ROUNDS times. Prints a checksum and the instructions it retired;
 * exits 0 only when the checksum is the known one. */
#include "rt.h"

#define ROUNDS       56
#define SIEVE_LIMIT  65536
#define CRC_BYTES    65536
#define SORT_COUNT   4096
#define MAT_N        40

#define EXPECTED_CHECKSUM 0x1b585afau  /* computed by the same code built for the host */

static uint8_t composite[SIEVE_LIMIT];
static uint8_t crc_data[CRC_BYTES];
static uint32_t crc_table[256];
static int32_t sort_data[SORT_COUNT];
static int32_t mat_a[MAT_N][MAT_N], mat_b[MAT_N][MAT_N], mat_c[MAT_N][MAT_N];

static uint32_t rng_state;

static uint32_t next_random(void)
{
    /* xorshift32: cheap and identical everywhere */
    uint32_t x = rng_state;
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
        for (uint32_t j = i * i; j < SIEVE_LIMIT; j += i)
            composite[j] = 1;
    }
    return count * 31u + sum;
}

static void crc_init(void)
{
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[n] = c;
    }
}

static uint32_t crc32(const uint8_t *p, uint32_t len)
{
    uint32_t c = 0xFFFFFFFFu;
    for (uint32_t i = 0; i < len; i++)
        c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

/* bitwise CRC too, so shifts and branches get their share */
static uint32_t crc32_bitwise(const uint8_t *p, uint32_t len)
{
    uint32_t c = 0xFFFFFFFFu;
    for (uint32_t i = 0; i < len; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & -(c & 1));
    }
    return c ^ 0xFFFFFFFFu;
}

static void insertion_sort(int32_t *a, int lo, int hi)
{
    for (int i = lo + 1; i <= hi; i++) {
        int32_t v = a[i];
        int j = i - 1;
        while (j >= lo && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void quicksort(int32_t *a, int lo, int hi)
{
    while (hi - lo > 16) {
        int32_t pivot = a[lo + (hi - lo) / 2];
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot)
                i++;
            while (a[j] > pivot)
                j--;
            if (i <= j) {
                int32_t t = a[i];
                a[i] = a[j];
                a[j] = t;
                i++;
                j--;
            }
        }
        /* recurse into the smaller half, loop on the larger */
        if (j - lo < hi - i) {
            quicksort(a, lo, j);
            lo = i;
        } else {
            quicksort(a, i, hi);
            hi = j;
        }
    }
    insertion_sort(a, lo, hi);
}

static uint32_t sort_round(void)
{
    for (int i = 0; i < SORT_COUNT; i++)
        sort_data[i] = (int32_t)next_random() >> 4;
    quicksort(sort_data, 0, SORT_COUNT - 1);
    uint32_t h = 0;
    for (int i = 0; i < SORT_COUNT; i++) {
        if (i > 0 && sort_data[i - 1] > sort_data[i])
            return 0xBAD50000u + (uint32_t)i;
        h = h * 33u + (uint32_t)sort_data[i];
    }
    return h;
}

static uint32_t matmul_round(void)
{
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            mat_a[i][j] = (int32_t)(next_random() % 2001) - 1000;
            mat_b[i][j] = (int32_t)(next_random() % 2001) - 1000;
        }
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            int32_t s = 0;
            for (int k = 0; k < MAT_N; k++)
                s += mat_a[i][k] * mat_b[k][j];
            mat_c[i][j] = s;
        }
    uint32_t h = 0;
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++)
            h = (h ^ (uint32_t)mat_c[i][j]) * 16777619u;
    /* a division per row keeps div/rem in the mix */
    for (int i = 0; i < MAT_N; i++)
        h += (uint32_t)(mat_c[i][i] / (i + 1)) + (uint32_t)(mat_c[i][0] % 7);
    return h;
}

int main(void)
{
    uint64_t start = read_minstret();
    rng_state = 2463534242u;
    crc_init();
    uint32_t checksum = 0;
    for (int round = 0; round < ROUNDS; round++) {
        for (int i = 0; i < CRC_BYTES; i++)
            crc_data[i] = (uint8_t)next_random();
        uint32_t s = sieve();
        uint32_t c1 = crc32(crc_data, CRC_BYTES);
        uint32_t c2 = crc32_bitwise(crc_data, CRC_BYTES);
        uint32_t so = sort_round();
        uint32_t mm = matmul_round();
        if (c1 != c2)
            printf("round %d: crc mismatch %08x %08x\n", round, c1, c2);
        checksum = (checksum << 5 | checksum >> 27) ^ s ^ c1 ^ so ^ mm;
        printf("round %d: sieve %08x crc %08x sort %08x matmul %08x\n", round, s, c1, so, mm);
    }
    uint64_t retired = read_minstret() - start;
    int ok = checksum == EXPECTED_CHECKSUM;
    printf("checksum %08x (expected %08x): %s\n", checksum, EXPECTED_CHECKSUM, ok ? "OK" : "MISMATCH");
    printf("minstret %llu\n", retired);
    return ok ? 0 : 1;
}
