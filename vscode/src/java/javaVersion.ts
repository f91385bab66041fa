/**
 * Reads the major version out of what `java -version` prints (on stderr).
 *
 * Shapes seen in the wild:
 *   openjdk version "17.0.15" 2025-04-15
 *   java version "1.8.0_402"
 *   openjdk version "21" 2023-09-19
 *   openjdk version "22-ea" 2024-03-19
 */
export function parseJavaMajorVersion(versionOutput: string): number | undefined {
    const quoted = /version\s+"([^"]+)"/.exec(versionOutput);
    if (!quoted) {
        return undefined;
    }
    const numbers = /^(\d+)(?:\.(\d+))?/.exec(quoted[1]);
    if (!numbers) {
        return undefined;
    }
    const first = Number(numbers[1]);
    // Before Java 9 the scheme was 1.<major>.
    if (first === 1 && numbers[2] !== undefined) {
        return Number(numbers[2]);
    }
    return first;
}

export const MINIMUM_JAVA_MAJOR = 17;
