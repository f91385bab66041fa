package dev.backstep.machine.fpu;

import java.util.SplittableRandom;

/**
 * Prints the speed of the F/D library beside Java's own (round-to-nearest-only) arithmetic on the
 * same operands (a program, not a test: the machine is shared and noisy).
 * <pre>java -cp emulator/machine/target/classes:emulator/machine/target/test-classes \
 *     dev.backstep.machine.fpu.FpuBenchmark [rounds]</pre>
 */
public final class FpuBenchmark {
    private static final int N = 1 << 16;

    private FpuBenchmark() {
    }

    private interface Body {
        long run(int i);
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        SplittableRandom r = new SplittableRandom(1);
        long[] d = new long[N + 2];
        int[] s = new int[N + 2];
        for (int i = 0; i < d.length; i++) {
            d[i] = Double.doubleToRawLongBits((r.nextDouble() + 0.5) * Math.scalb(1.0, r.nextInt(-20, 20)));
            s[i] = Float.floatToRawIntBits((float) Double.longBitsToDouble(d[i]));
        }
        FpFlags fl = new FpFlags();
        for (int round = 1; round <= rounds; round++) {
            System.out.println("round " + round);
            report("F32.add", i -> F32.add(s[i], s[i + 1], RoundingMode.RNE, fl),
                    "float +", i -> Float.floatToRawIntBits(flt(s[i]) + flt(s[i + 1])));
            report("F32.mul", i -> F32.mul(s[i], s[i + 1], RoundingMode.RTZ, fl),
                    "float *", i -> Float.floatToRawIntBits(flt(s[i]) * flt(s[i + 1])));
            report("F64.add", i -> F64.add(d[i], d[i + 1], RoundingMode.RNE, fl),
                    "double +", i -> Double.doubleToRawLongBits(dbl(d[i]) + dbl(d[i + 1])));
            report("F64.mul", i -> F64.mul(d[i], d[i + 1], RoundingMode.RNE, fl),
                    "double *", i -> Double.doubleToRawLongBits(dbl(d[i]) * dbl(d[i + 1])));
            report("F64.div", i -> F64.div(d[i], d[i + 1], RoundingMode.RNE, fl),
                    "double /", i -> Double.doubleToRawLongBits(dbl(d[i]) / dbl(d[i + 1])));
            report("F64.sqrt", i -> F64.sqrt(d[i], RoundingMode.RNE, fl),
                    "Math.sqrt", i -> Double.doubleToRawLongBits(Math.sqrt(dbl(d[i]))));
            report("F64.fmadd", i -> F64.fmadd(d[i], d[i + 1], d[i + 2], RoundingMode.RNE, fl),
                    "Math.fma", i -> Double.doubleToRawLongBits(Math.fma(dbl(d[i]), dbl(d[i + 1]), dbl(d[i + 2]))));
            report("F64.toInt32", i -> F64.toInt32(d[i], RoundingMode.RTZ, fl),
                    "(int) double", i -> (int) dbl(d[i]));
        }
    }

    private static float flt(int bits) {
        return Float.intBitsToFloat(bits);
    }

    private static double dbl(long bits) {
        return Double.longBitsToDouble(bits);
    }

    private static void report(String name, Body ours, String javaName, Body java) {
        double a = mops(ours);
        double b = mops(java);
        System.out.printf("  %-12s %7.1f Mops/s   %-12s %7.1f Mops/s%n", name, a, javaName, b);
    }

    private static long sink;

    private static double mops(Body body) {
        long ops = 0;
        long acc = 0;
        long t0 = System.nanoTime();
        long elapsed;
        do {
            for (int i = 0; i < N; i++) {
                acc += body.run(i);
            }
            ops += N;
            elapsed = System.nanoTime() - t0;
        } while (elapsed < 200_000_000L);
        sink += acc;
        return ops / (elapsed / 1e3);
    }
}
