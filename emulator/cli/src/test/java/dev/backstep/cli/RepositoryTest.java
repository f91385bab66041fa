package dev.backstep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository as a newcomer finds it: a license, a README whose links stay inside, CI's Node, the launcher. */
class RepositoryTest {
    @TempDir
    Path tmp;

    private static final Path ROOT = CliRunner.root();

    @Test
    void theLicenseIsApacheTwoEverywhere() throws IOException {
        String license = Files.readString(ROOT.resolve("LICENSE"));
        assertTrue(license.contains("Apache License") && license.contains("Version 2.0, January 2004"));
        assertEquals(license, Files.readString(ROOT.resolve("vscode/LICENSE")), "one license text");
        assertTrue(Files.readString(ROOT.resolve("vscode/package.json")).contains("\"license\": \"Apache-2.0\""));
        assertTrue(Files.readString(ROOT.resolve("features/dev.backstep.eclipse.feature/feature.xml"))
                .contains("<license url=\"https://www.apache.org/licenses/LICENSE-2.0\">"));
        assertTrue(Files.readString(ROOT.resolve("pom.xml")).contains("<name>Apache-2.0</name>"));
    }

    @Test
    void theReadmeLinksOnlyToFilesInTheRepository() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher link = Pattern.compile("\\]\\(([^)#]+)(#[^)]*)?\\)").matcher(readme);
        int links = 0;
        while (link.find()) {
            String target = link.group(1);
            if (target.startsWith("http://") || target.startsWith("https://")) {
                continue;
            }
            links++;
            Path p = ROOT.resolve(target).normalize();
            assertTrue(p.startsWith(ROOT), target + " is outside the repository");
            assertTrue(Files.exists(p), target + " does not exist");
        }
        assertTrue(links > 5, "the README's links were found");
    }

    /** .ci/require-node with a fake node, npm, apt-cache and apt-get first on the PATH. */
    private ProcessResult requireNode(String nodeVersion, String debianCandidate) throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        script(bin.resolve("node"), "echo " + nodeVersion);
        script(bin.resolve("npm"), "echo 10.0.0");
        script(bin.resolve("apt-cache"), "echo 'nodejs:'; echo '  Candidate: " + debianCandidate + "'");
        // "installing" Debian's nodejs makes node that version, and leaves a trace
        script(bin.resolve("apt-get"), "echo \"$@\" >> " + tmp.resolve("apt-get.log") + "; printf '#!/bin/sh\\necho v"
                + debianCandidate + "\\n' > " + bin.resolve("node"));
        ProcessBuilder pb = new ProcessBuilder("bash", ROOT.resolve(".ci/require-node").toString());
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        Path log = tmp.resolve("apt-get.log");
        return new ProcessResult(p.exitValue(), out, Files.exists(log) ? Files.readString(log) : "");
    }

    private record ProcessResult(int status, String out, String aptGet) { }

    private static void script(Path p, String body) throws IOException {
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void ciNeverInstallsANodeOlderThanTwenty() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")), "bash");
        var old = requireNode("v18.19.0", "18.19.0+dfsg-6");
        assertEquals(1, old.status(), old.out());
        assertEquals("", old.aptGet(), "Debian's Node 18 is not installed");
        assertTrue(old.out().contains("Node.js 20 or newer and npm are needed (found: v18.19.0;"), old.out());

        var upgraded = requireNode("v18.19.0", "20.19.2+dfsg-1");
        assertEquals(0, upgraded.status(), upgraded.out());
        assertTrue(upgraded.aptGet().contains("install") && upgraded.aptGet().contains("nodejs"), upgraded.aptGet());

        Files.delete(tmp.resolve("apt-get.log"));
        var fine = requireNode("v22.3.0", "18.19.0+dfsg-6");
        assertEquals(0, fine.status(), fine.out());
        assertEquals("", fine.aptGet(), "nothing to install");
    }

    @Test
    void theLaunchersFirstBuildSaysWhatItDoes() throws Exception {
        // the launcher's filter of Maven's log, fed what Maven prints on a first build with an empty cache
        String launcher = Files.readString(ROOT.resolve("backstep"));
        int start = launcher.indexOf("progress() {");
        int end = launcher.indexOf("\n}\n", start) + 3;
        assertTrue(start > 0 && end > start, "the launcher has its progress filter");
        Path filter = tmp.resolve("progress.sh");
        Files.writeString(filter, launcher.substring(start, end) + "jar=JAR\nprogress\n");
        String maven = String.join("\n", List.of(
                "Couldn't find MAVEN_HOME, downloading and installing it ...",
                "[INFO] Scanning for projects...",
                "[INFO] Downloading from central: https://repo.maven.apache.org/maven2/a/a.pom",
                "[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/a/a.pom (2 kB at 9 kB/s)",
                "[INFO] Building Backstep machine 0.1.0-SNAPSHOT                             [2/8]",
                "[INFO] --- compiler:3.14.1:compile (default-compile) @ backstep-machine ---",
                "[INFO] Building Backstep cli 0.1.0-SNAPSHOT                                 [8/8]",
                "[INFO] BUILD SUCCESS")) + "\n";
        ProcessBuilder pb = new ProcessBuilder("bash", filter.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().write(maven.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(List.of("backstep: downloading Maven (the wrapper's first run)",
                "backstep: downloading Maven and the dependencies: 1 files so far",
                "backstep: building Backstep machine 0.1.0-SNAPSHOT (module 2/8)",
                "backstep: building Backstep cli 0.1.0-SNAPSHOT (module 8/8)",
                "backstep: built JAR"), out.lines().toList());
        assertFalse(launcher.contains(" -q "), "Maven's progress is not silenced");
    }
}
