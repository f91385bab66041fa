package dev.backstep.machine;

/**
 * What a machine's translator holds and has done, for benchmarks and tests.
 *
 * @param enabled   whether the machine translates at all
 * @param regions   regions installed now
 * @param bytes     bytes of generated classes installed now
 * @param installed regions installed since the machine was built
 * @param dropped   regions dropped since (code changed, cache full, fence.i, reset)
 * @param failures  regions that could not be translated (their code stays interpreted)
 * @param entered   times translated code was entered
 */
public record TranslationStats(boolean enabled, int regions, long bytes, long installed, long dropped, long failures,
                               long entered) {
}
