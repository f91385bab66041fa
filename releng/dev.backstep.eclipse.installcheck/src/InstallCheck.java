import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import org.eclipse.core.runtime.adaptor.EclipseStarter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;

/**
 * Installs the Backstep update site into a plain Eclipse platform the way a user would, then starts that platform
 * and checks what it resolved. Run by the build (integration-test phase of this module) as a single-file program:
 *
 * <pre>java -cp PLATFORM/plugins/org.eclipse.osgi_*.jar InstallCheck.java PLATFORM PROFILE SITE.zip</pre>
 *
 * <ol>
 * <li>runs the platform's own p2 director ({@code java -jar plugins/org.eclipse.equinox.launcher_*.jar -application
 * org.eclipse.equinox.p2.director}) with the site zip as the only repository: whatever the feature needs beyond
 * the zip must already be in the platform's p2 profile;</li>
 * <li>starts the platform's OSGi framework in this JVM with the platform's own configuration (as the launcher
 * would, but with no application, so no display is needed) and checks that every bundle resolved, that the
 * Backstep bundles start, that the server jar is inside the core bundle and that the plug-ins' extensions are
 * in the registry.</li>
 * </ol>
 * Exit code 0 when all holds; otherwise 1 with the reason.
 */
public final class InstallCheck {

    static final String FEATURE_GROUP = "dev.backstep.eclipse.feature.feature.group";
    static final String CORE = "dev.backstep.eclipse.core";
    static final String UI = "dev.backstep.eclipse.ui";
    /** the bundles the feature brings; the platform must not have had them before */
    static final List<String> FEATURE_BUNDLES = List.of(CORE, UI, "dev.backstep.dap.protocol", "org.eclipse.lsp4j.debug",
            "org.eclipse.lsp4j.jsonrpc", "org.eclipse.lsp4j.jsonrpc.debug", "com.google.gson");
    static final String SERVER_JAR_ENTRY = "server/backstep.jar";
    static final long DIRECTOR_TIMEOUT_MINUTES = 5;

    public static void main(String[] args) {
        try {
            if (args.length != 3) {
                throw new CheckFailed("usage: InstallCheck PLATFORM_DIR P2_PROFILE SITE_ZIP");
            }
            Path platform = Path.of(args[0]).toAbsolutePath();
            String profile = args[1];
            Path siteZip = Path.of(args[2]).toAbsolutePath();
            requireFile(platform.resolve("configuration/config.ini"), "the plain platform (build it first)");
            requireFile(siteZip, "the update site zip (build releng/dev.backstep.eclipse.site first)");

            for (String bsn : FEATURE_BUNDLES) {
                if (findPlugin(platform, bsn + "_") != null) {
                    throw new CheckFailed("the platform is not plain: it already has " + bsn);
                }
            }
            runDirector(platform, profile, siteZip);
            checkInstalledPlatform(platform);
            System.out.println("InstallCheck: OK, the update site installs into the plain platform and resolves");
            System.exit(0);
        } catch (CheckFailed e) {
            System.err.println("InstallCheck FAILED: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println("InstallCheck FAILED with an unexpected error:");
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Step 1: the platform's p2 director adds the feature to the platform's profile, from the site zip alone. */
    static void runDirector(Path platform, String profile, Path siteZip) throws IOException, InterruptedException {
        Path launcher = findPlugin(platform, "org.eclipse.equinox.launcher_");
        if (launcher == null) {
            throw new CheckFailed("no org.eclipse.equinox.launcher_*.jar in " + platform.resolve("plugins"));
        }
        String repository = "jar:" + siteZip.toUri() + "!/";
        List<String> command = List.of(javaExecutable(), "-jar", launcher.toString(),
                "-application", "org.eclipse.equinox.p2.director",
                "-repository", repository,
                "-installIU", FEATURE_GROUP,
                "-destination", platform.toString(),
                "-profile", profile,
                "-consoleLog");
        Path log = platform.resolveSibling("director.log");
        System.out.println("InstallCheck: " + String.join(" ", command));
        Process director = new ProcessBuilder(command).directory(platform.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!director.waitFor(DIRECTOR_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            director.destroyForcibly();
            throw new CheckFailed("the p2 director did not finish within " + DIRECTOR_TIMEOUT_MINUTES
                    + " minutes; its output so far: " + log + "\n" + tail(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        // the director reports some failures (e.g. a touchpoint error) only in its log, with exit code 0
        if (director.exitValue() != 0 || output.contains("There were errors")
                || !output.contains("Operation completed")) {
            throw new CheckFailed("the p2 director could not install " + FEATURE_GROUP + " from " + repository
                    + " (exit code " + director.exitValue() + "); its output (" + log + "):\n" + tail(log));
        }
        System.out.println("InstallCheck: p2 director installed " + FEATURE_GROUP + " into profile " + profile);
    }

    /** Step 2: start the installed platform without an application and look at its bundles. */
    static void checkInstalledPlatform(Path platform) throws Exception {
        Map<String, String> properties = new HashMap<>();
        properties.put("osgi.install.area", platform.toUri().toString());
        properties.put("osgi.configuration.area", platform.resolve("configuration").toUri().toString());
        properties.put("osgi.instance.area", platform.resolveSibling("workspace").toUri().toString());
        properties.put("eclipse.ignoreApp", "true");
        properties.put("osgi.noShutdown", "true");
        EclipseStarter.setInitialProperties(properties);
        BundleContext context = EclipseStarter.startup(new String[] {"-consoleLog"}, null);
        try {
            checkBundles(context);
        } finally {
            EclipseStarter.shutdown();
        }
    }

    static void checkBundles(BundleContext context) throws Exception {
        List<String> unresolved = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() == Bundle.INSTALLED) {
                unresolved.add(bundle.getSymbolicName() + " " + bundle.getVersion() + ": " + whyUnresolved(bundle));
            }
        }
        if (!unresolved.isEmpty()) {
            throw new CheckFailed("unresolved bundles in the installed platform:\n  " + String.join("\n  ", unresolved));
        }
        for (String bsn : FEATURE_BUNDLES) {
            Bundle bundle = bundle(context, bsn);
            System.out.println("InstallCheck: " + bsn + " " + bundle.getVersion() + " " + stateName(bundle));
        }
        for (String bsn : List.of(CORE, UI)) {
            Bundle bundle = bundle(context, bsn);
            try {
                bundle.start();
            } catch (BundleException e) {
                throw new CheckFailed(bsn + " does not start: " + e.getMessage());
            }
            if (bundle.getState() != Bundle.ACTIVE) {
                throw new CheckFailed(bsn + " is " + stateName(bundle) + " after start(), not ACTIVE");
            }
            System.out.println("InstallCheck: " + bsn + " started: " + stateName(bundle));
        }
        checkServerJar(bundle(context, CORE));
        checkExtension(context, bundle(context, CORE), "org.eclipse.debug.core.launchConfigurationTypes",
                "dev.backstep.eclipse.launchType");
        checkExtension(context, bundle(context, CORE), "org.eclipse.debug.ui.launchConfigurationTabGroups",
                null);
    }

    static void checkServerJar(Bundle core) throws IOException {
        var entry = core.getEntry(SERVER_JAR_ENTRY);
        if (entry == null) {
            throw new CheckFailed(CORE + " has no " + SERVER_JAR_ENTRY + " (the bundled DAP server)");
        }
        try (InputStream in = entry.openStream(); JarInputStream jar = new JarInputStream(in)) {
            Manifest manifest = jar.getManifest();
            String mainClass = manifest == null ? null : manifest.getMainAttributes().getValue("Main-Class");
            if (mainClass == null) {
                throw new CheckFailed(CORE + "'s " + SERVER_JAR_ENTRY + " is not a runnable jar (no Main-Class)");
            }
            System.out.println("InstallCheck: " + CORE + " carries " + SERVER_JAR_ENTRY + " (Main-Class " + mainClass + ")");
        }
    }

    /**
     * The extension registry holds the Backstep contribution to an extension point: proof that the plug-ins'
     * plugin.xml was read. Reflection, because the registry's API is inside the framework, not on this class path.
     */
    static void checkExtension(BundleContext context, Bundle via, String point, String wantedId) throws Exception {
        ServiceReference<?> reference = context.getServiceReference("org.eclipse.core.runtime.IExtensionRegistry");
        if (reference == null) {
            throw new CheckFailed("the installed platform has no extension registry service");
        }
        Object registry = context.getService(reference);
        Class<?> registryType = via.loadClass("org.eclipse.core.runtime.IExtensionRegistry");
        Class<?> elementType = via.loadClass("org.eclipse.core.runtime.IConfigurationElement");
        Class<?> contributorType = via.loadClass("org.eclipse.core.runtime.IContributor");
        Method elementsFor = registryType.getMethod("getConfigurationElementsFor", String.class);
        Method getAttribute = elementType.getMethod("getAttribute", String.class);
        Method getContributor = elementType.getMethod("getContributor");
        Method getName = contributorType.getMethod("getName");
        for (Object element : (Object[]) elementsFor.invoke(registry, point)) {
            String contributor = (String) getName.invoke(getContributor.invoke(element));
            String id = (String) getAttribute.invoke(element, "id");
            if (contributor.startsWith("dev.backstep.eclipse.") && (wantedId == null || wantedId.equals(id))) {
                System.out.println("InstallCheck: " + point + " has " + id + " from " + contributor);
                return;
            }
        }
        throw new CheckFailed("no Backstep contribution " + (wantedId == null ? "" : wantedId + " ")
                + "to " + point + " in the installed platform's extension registry");
    }

    static Bundle bundle(BundleContext context, String bsn) {
        for (Bundle bundle : context.getBundles()) {
            if (bsn.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new CheckFailed(bsn + " is not installed in the platform after the p2 install");
    }

    static String whyUnresolved(Bundle bundle) {
        try {
            bundle.start(Bundle.START_TRANSIENT);
            return "resolves only when started";
        } catch (BundleException e) {
            return e.getMessage().replace('\n', ' ');
        }
    }

    static String stateName(Bundle bundle) {
        switch (bundle.getState()) {
            case Bundle.INSTALLED: return "INSTALLED (unresolved)";
            case Bundle.RESOLVED: return "RESOLVED";
            case Bundle.STARTING: return "STARTING (lazy)";
            case Bundle.ACTIVE: return "ACTIVE";
            case Bundle.STOPPING: return "STOPPING";
            default: return "UNINSTALLED";
        }
    }

    static Path findPlugin(Path platform, String prefix) throws IOException {
        Path plugins = platform.resolve("plugins");
        if (!Files.isDirectory(plugins)) {
            return null;
        }
        try (DirectoryStream<Path> matches = Files.newDirectoryStream(plugins, prefix + "*")) {
            for (Path match : matches) {
                return match;
            }
        }
        return null;
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new CheckFailed("missing " + what + ": " + file);
        }
    }

    static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** A check that did not hold: reported without a stack trace. */
    static final class CheckFailed extends RuntimeException {
        CheckFailed(String message) {
            super(message);
        }
    }
}
