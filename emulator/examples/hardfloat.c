/* Hard float (-march=rv32imafdc -mabi=ilp32d): float and double locals, globals and arguments passed in float
 * registers (fa0-fa7) next to integer ones, a projectile integrated step by step, Newton's square root against
 * fsqrt.d, a single-precision running mean, and the exception flags of a few operations read from fflags.
 * The output prints values as fixed-point integers (the runtime's printf has no %f). */
#include "rt.h"

typedef struct {
    double x, y;   /* metres */
    double vx, vy; /* metres per second */
} body;

double gravity = 9.80665;
float drag = 0.015f;
static volatile double sink;

/* one explicit Euler step: doubles in fa0/fa1, a float in fa2, the body in a0 */
static __attribute__((noinline)) void step(body *b, double dt, double g, float k)
{
    double speed2 = b->vx * b->vx + b->vy * b->vy;
    double ax = -k * b->vx * speed2;
    double ay = -g - k * b->vy * speed2;
    b->vx += ax * dt;
    b->vy += ay * dt;
    b->x += b->vx * dt;
    b->y += b->vy * dt;
}

/* Newton's method: how many iterations until the estimate stops moving */
static __attribute__((noinline)) double newton_sqrt(double a, int *iterations)
{
    double x = a > 1.0 ? a / 2.0 : 1.0;
    int n = 0;
    for (;;) {
        double next = 0.5 * (x + a / x);
        n++;
        if (next == x || n > 60) {
            break;
        }
        x = next;
    }
    *iterations = n;
    return x;
}

static __attribute__((noinline)) double hypot_like(double a, float b, int scale, double c)
{
    return __builtin_sqrt(a * a + (double)b * (double)b) * scale + c;
}

static float running_mean(const float *v, int n)
{
    float mean = 0.0f;
    for (int i = 0; i < n; i++) {
        mean += (v[i] - mean) / (float)(i + 1);
    }
    return mean;
}

static long long milli(double v)
{
    return (long long)(v * 1000.0 + (v < 0 ? -0.5 : 0.5));
}

static __attribute__((noinline)) unsigned fflags_of_division(double a, double b)
{
    unsigned f;
    __asm__ volatile("csrw fflags, zero");
    sink = a / b;
    __asm__ volatile("csrr %0, fflags" : "=r"(f));
    return f;
}

int main(void)
{
    body ball = {0.0, 0.0, 12.0, 18.0};
    double t = 0.0;
    const double dt = 0.01;
    int steps = 0;
    double apex = 0.0;
    while (ball.y >= 0.0) {
        step(&ball, dt, gravity, drag);
        t += dt;
        steps++;
        if (ball.y > apex) {
            apex = ball.y;
        }
    }
    printf("projectile: %d steps, range %lld mm, apex %lld mm, t %lld ms\n", steps, milli(ball.x), milli(apex),
           milli(t));

    int iterations;
    for (int i = 2; i <= 50000; i *= 7) {
        double r = newton_sqrt((double)i, &iterations);
        double exact = __builtin_sqrt((double)i);
        printf("sqrt(%d): newton %lld / 1000 in %d iterations, fsqrt.d %lld / 1000, equal %d\n", i, milli(r),
               iterations, milli(exact), r == exact);
    }

    printf("hypot_like: %lld / 1000\n", milli(hypot_like(3.0, 4.0f, 2, 0.25)));

    float samples[16];
    for (int i = 0; i < 16; i++) {
        samples[i] = 1.0f / (float)(i + 1) + (float)i * 0.5f;
    }
    float mean = running_mean(samples, 16);
    union { float f; unsigned u; } bits = {mean};
    printf("running mean: %lld / 1000 (bits 0x%x)\n", milli(mean), bits.u);

    printf("fflags: 1/3 -> 0x%x, 1/0 -> 0x%x, 0/0 -> 0x%x, 4/2 -> 0x%x\n", fflags_of_division(1.0, 3.0),
           fflags_of_division(1.0, 0.0), fflags_of_division(0.0, 0.0), fflags_of_division(4.0, 2.0));
    return 0;
}
