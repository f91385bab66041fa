/* A small sensor-logging program. It samples a few simulated sensors,
 * keeps a sliding window of recent readings, and at the end checks the
 * alarm limit it was configured with at start-up. */
#include "rt.h"

#define WINDOW   8
#define SAMPLES  40

static struct {
    int32_t alarm_limit;
    int32_t hysteresis;
    char site[8];
} config;
static int32_t window[WINDOW];
static uint32_t alarms;

static int32_t read_sensor(uint32_t n)
{
    /* a slow wave with a little deterministic noise */
    int32_t base = (int32_t)(n % 16) * 12 - 90;
    return base + (int32_t)((n * 2654435761u) >> 29);
}

static void configure(void)
{
    config.alarm_limit = 75;
    config.hysteresis = 5;
    memcpy(config.site, "tank-3", 7);
    printf("configured %s: alarm limit %d, hysteresis %d\n", config.site, config.alarm_limit, config.hysteresis);
}

static void shift_window(int32_t newest)
{
    for (int i = 0; i < WINDOW - 1; i++)
        window[i] = window[i + 1];
    window[WINDOW - 1] = newest;
}

static int32_t window_average(void)
{
    int32_t sum = 0;
    for (int i = 0; i < WINDOW; i++)
        sum += window[i];
    return sum / WINDOW;
}

static void smooth_window(void)
{
    /* replaces each reading by the mean of it and its right neighbour */
    for (int32_t *p = window; p < window + WINDOW; p++)
        p[1] = (p[0] + p[1]) / 2;
}

int main(void)
{
    configure();
    for (uint32_t n = 0; n < SAMPLES; n++) {
        shift_window(read_sensor(n));
        if (n % 10 == 9) {
            smooth_window();
            printf("sample %u: average %d\n", n, window_average());
        }
        if (window_average() > config.alarm_limit - config.hysteresis)
            alarms++;
    }
    printf("alarms raised: %u\n", alarms);
    if (config.alarm_limit != 75) {
        printf("check failed: alarm limit of %s is %d, expected 75\n", config.site, config.alarm_limit);
        return 1;
    }
    printf("check passed\n");
    return 0;
}
