package dev.backstep.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.LocationProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The Java modules of the reactor, each with its directory {@code emulator/NAME}, its artifact {@code backstep-NAME}
 * and its packages {@code dev.backstep.NAME..} (dap-protocol: {@code dev.backstep.dap.protocol..}); and the main classes of all of them, read from each module's
 * {@code target/classes} (test classes and the shaded jar are not looked at).
 */
final class Modules {
    static final List<String> ALL =
            List.of("machine", "debuginfo", "replay", "session", "gdbserver", "dap-protocol", "dap", "cli");
    /** The one module whose packages lie inside another's name: the custom DAP requests, shared with Eclipse. */
    private static final String PROTOCOL_PACKAGE = "dev.backstep.dap.protocol";

    private Modules() {
    }

    /** The reactor root: the backstep.root system property (set by the parent pom), else found upwards. */
    static Path root() {
        String prop = System.getProperty("backstep.root");
        if (prop != null && Files.isDirectory(Path.of(prop, "emulator"))) {
            return Path.of(prop);
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("emulator/machine/pom.xml"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the reactor root above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    static Path dir(String module) {
        return root().resolve("emulator").resolve(module);
    }

    static String packagesOf(String module) {
        if (module.equals("dap-protocol")) {
            return PROTOCOL_PACKAGE + "..";
        }
        return "dev.backstep." + module + "..";
    }

    /** The module a class belongs to, by its package, or null for a class that is not ours. */
    static String of(JavaClass c) {
        String pkg = c.getPackageName();
        if (!pkg.startsWith("dev.backstep.")) {
            return null;
        }
        if (pkg.equals(PROTOCOL_PACKAGE) || pkg.startsWith(PROTOCOL_PACKAGE + ".")) {
            return "dap-protocol";
        }
        String rest = pkg.substring("dev.backstep.".length());
        int dot = rest.indexOf('.');
        String module = dot < 0 ? rest : rest.substring(0, dot);
        return ALL.contains(module) ? module : null;
    }

    /** For {@code @AnalyzeClasses}: every module's main classes. */
    static final class MainClasses implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            Set<Location> out = new LinkedHashSet<>();
            for (String m : ALL) {
                Path classes = dir(m).resolve("target/classes");
                if (!Files.isDirectory(classes)) {
                    throw new IllegalStateException(classes + " is missing: build the modules first (./mvnw verify)");
                }
                out.add(Location.of(classes));
            }
            return out;
        }
    }
}
