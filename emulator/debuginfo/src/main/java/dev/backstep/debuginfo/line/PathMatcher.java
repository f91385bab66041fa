package dev.backstep.debuginfo.line;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Matches a path an IDE sends against the paths in the debug info. The IDE's absolute path rarely equals the
 * compile directory recorded by the compiler, so a match is scored by how many trailing path components agree.
 */
public final class PathMatcher {
    private PathMatcher() {
    }

    /** Normalized components: backslashes as slashes, "." dropped, ".." folded. */
    static String[] components(String path) {
        Deque<String> out = new ArrayDeque<>();
        for (String c : path.replace('\\', '/').split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..") && !out.isEmpty() && !out.peekLast().equals("..")) {
                out.removeLast();
            } else {
                out.addLast(c);
            }
        }
        return out.toArray(new String[0]);
    }

    /**
     * Number of trailing components the two paths share; 0 when even the file names differ. A full match of the
     * shorter path scores its length, so a bare "calls.c" matches any ".../calls.c".
     */
    public static int score(String requested, String debugPath) {
        if (requested == null || debugPath == null) {
            return 0;
        }
        String[] a = components(requested);
        String[] b = components(debugPath);
        int n = 0;
        while (n < a.length && n < b.length && a[a.length - 1 - n].equals(b[b.length - 1 - n])) {
            n++;
        }
        return n;
    }

    public static String normalize(String path) {
        String[] c = components(path);
        String joined = String.join("/", c);
        return path.startsWith("/") ? "/" + joined : joined;
    }
}
