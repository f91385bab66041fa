package dev.backstep.dap.launch;

import dev.backstep.dap.DapException;
import dev.backstep.session.LaunchSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Validates the attributes of a DAP launch request and turns them into a {@link LaunchSpec}. Every error
 * names the attribute at fault. Attributes that only matter to a client (type, name, debugServer,
 * javaHome, VS Code's __ ones) are ignored.
 */
public final class LaunchArguments {
    private final Map<String, Object> args;
    private final Path base;

    private LaunchArguments(Map<String, Object> args, Path base) {
        this.args = args;
        this.base = base;
    }

    /**
     * Relative paths are resolved against {@code cwd} when the client sent one; without it, {@code program} against
     * the server's folder and every other path ({@code recording}, {@code input}, later {@code backstep/saveRecording})
     * against the program's folder, never the server's.
     */
    public static LaunchSpec toSpec(Map<String, Object> args) {
        if (args == null) {
            throw invalid("program", "the launch request has no arguments; 'program' (the ELF to debug) is required");
        }
        Path cwd = cwd(args);
        Path programBase = cwd != null ? cwd : Path.of("").toAbsolutePath();
        return new LaunchArguments(args, programBase).spec();
    }

    /** The folder relative paths of this launch (other than 'program' itself) are resolved against. */
    public static Path base(Map<String, Object> args) {
        Path cwd = args == null ? null : cwd(args);
        if (cwd != null) {
            return cwd;
        }
        Path server = Path.of("").toAbsolutePath();
        Object program = args == null ? null : args.get("program");
        if (program instanceof String s && !s.isBlank()) {
            try {
                Path dir = server.resolve(s).normalize().getParent();
                if (dir != null) {
                    return dir;
                }
            } catch (InvalidPathException e) {
                // no folder to take
            }
        }
        Object recording = args == null ? null : args.get("recording");
        if (recording instanceof String s && !s.isBlank()) {
            try {
                Path dir = server.resolve(s).normalize().getParent();
                if (dir != null) {
                    return dir;
                }
            } catch (InvalidPathException e) {
                // no folder to take
            }
        }
        return server;
    }

    private static Path cwd(Map<String, Object> args) {
        Object cwd = args.get("cwd");
        if (cwd instanceof String s && !s.isBlank()) {
            try {
                return Path.of("").toAbsolutePath().resolve(s).normalize();
            } catch (InvalidPathException e) {
                throw invalid("cwd", "'cwd' is not a valid path: " + dev.backstep.dap.DapLimits.preview(s));
            }
        }
        return null;
    }

    /**
     * The {@code consoleInput} attribute (default false): the client has a console the user types into
     * ({@code backstep/input}), so a program waiting for UART input with none queued waits for typing instead of
     * ending its history. Record mode only; ignored in replay.
     */
    public static boolean consoleInput(Map<String, Object> args) {
        return args != null && new LaunchArguments(args, Path.of("")).bool("consoleInput", false);
    }

    private LaunchSpec spec() {
        String mode = string("mode", "record");
        LaunchSpec spec;
        Path program = optionalPath("program");
        switch (mode) {
            case "record" -> {
                if (program == null) {
                    throw invalid("program", "'program' is required: the ELF file to debug");
                }
                requireFile("program", program);
                spec = LaunchSpec.record(program);
                Path rec = optionalPath("recording");
                if (rec != null) {
                    Path dir = rec.toAbsolutePath().getParent();
                    if (dir != null && !Files.isDirectory(dir)) {
                        throw invalid("recording", "'recording': the folder " + dir + " does not exist");
                    }
                    spec = spec.withRecording(rec).withOverwrite(bool("overwrite", false));
                }
                spec = withInput(spec);
                spec = withSemihosting(spec);
            }
            case "replay" -> {
                Path rec = optionalPath("recording");
                if (rec == null) {
                    throw invalid("recording", "'recording' is required in replay mode: the recording file to open");
                }
                requireFile("recording", rec);
                if (program != null) {
                    requireFile("program", program);
                }
                if (args.get("input") != null || args.get("inputText") != null) {
                    throw invalid(args.get("input") != null ? "input" : "inputText",
                            "'" + (args.get("input") != null ? "input" : "inputText")
                                    + "' is for record mode only: a replay uses the recorded input");
                }
                for (String a : new String[] {"semihosting", "semihostingDir", "semihostingCmdline"}) {
                    if (args.get(a) != null) {
                        throw invalid(a, "'" + a + "' is for record mode only: a recording says whether it was made "
                                + "with semihosting and serves the host's answers itself");
                    }
                }
                spec = LaunchSpec.replay(rec, program);
            }
            default -> throw invalid("mode", "'mode' must be \"record\" or \"replay\", got \"" + mode + "\"");
        }
        spec = spec.withStopOnEntry(bool("stopOnEntry", false)).withTranslate(bool("translate", true));
        String rtos = string("rtos", "auto");
        if (!java.util.List.of("auto", "freertos", "none").contains(rtos)) {
            throw invalid("rtos", "'rtos' must be \"auto\", \"freertos\" or \"none\", got \"" + rtos + "\"");
        }
        spec = spec.withRtos(rtos);
        Object ram = args.get("ram");
        if (ram != null) {
            long bytes = size("ram", ram);
            if (bytes < (64 << 10) || bytes > (1L << 31)) {
                throw invalid("ram", "'ram' must be between 64K and 2G (the RAM window of the virt board), got " + ram);
            }
            spec = spec.withRamSize(bytes);
        }
        Object isa = args.get("isa");
        if (isa instanceof String blank && blank.isBlank()) {
            isa = null; // the IDEs' default: the ELF says
        }
        if (isa != null) {
            if (!(isa instanceof String arch)) {
                throw invalid("isa", "'isa' must be an arch string like \"rv32imafdc_zba_zbb_zbs\", got "
                        + Json.describe(isa));
            }
            if (spec.mode() == LaunchSpec.Mode.REPLAY) {
                throw invalid("isa", "'isa' is for record mode only: a replay runs the instruction set it was recorded with");
            }
            spec = spec.withIsa(arch.trim()); // the session checks it (an ISA Backstep cannot run fails the launch, saying why)
        }
        Object budget = args.get("snapshotBudget");
        if (budget != null) {
            long bytes = size("snapshotBudget", budget);
            if (bytes < (1 << 20)) {
                throw invalid("snapshotBudget", "'snapshotBudget' must be at least 1M, got " + budget);
            }
            spec = spec.withSnapshotBudget(bytes);
        }
        return spec;
    }

    /**
     * {@code semihosting} (default false): serve semihosting calls, as QEMU's -semihosting; {@code semihostingDir}:
     * the only directory the program's files may be in; {@code semihostingCmdline}: what the program's command line
     * holds after its file name.
     */
    private LaunchSpec withSemihosting(LaunchSpec spec) {
        boolean on = bool("semihosting", false);
        Path dir = optionalPath("semihostingDir");
        String cmdline = string("semihostingCmdline", null);
        if (!on) {
            if (dir != null || cmdline != null) {
                throw invalid(dir != null ? "semihostingDir" : "semihostingCmdline",
                        "'" + (dir != null ? "semihostingDir" : "semihostingCmdline") + "' needs \"semihosting\": true");
            }
            return spec;
        }
        if (dir != null && !Files.isDirectory(dir)) {
            throw invalid("semihostingDir", "'semihostingDir': no such directory: " + dir);
        }
        if (cmdline != null && cmdline.length() > 4000) {
            throw invalid("semihostingCmdline", "'semihostingCmdline' is longer than 4000 characters");
        }
        return spec.withSemihosting(new LaunchSpec.Semihosting(dir, cmdline));
    }

    private LaunchSpec withInput(LaunchSpec spec) {
        Path file = optionalPath("input");
        Object text = args.get("inputText");
        if (file != null && text != null) {
            throw invalid("inputText", "'input' and 'inputText' cannot both be given: choose a file or a literal text");
        }
        if (file != null) {
            requireFile("input", file);
            return spec.withInputFile(file);
        }
        if (text != null) {
            if (!(text instanceof String s)) {
                throw invalid("inputText", "'inputText' must be a string, got " + Json.describe(text));
            }
            return spec.withInput(s.getBytes(StandardCharsets.UTF_8));
        }
        return spec;
    }

    private String string(String name, String dflt) {
        Object v = args.get(name);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof String s)) {
            throw invalid(name, "'" + name + "' must be a string, got " + Json.describe(v));
        }
        return s;
    }

    private Path optionalPath(String name) {
        String s = string(name, null);
        if (s == null) {
            return null;
        }
        if (s.isBlank()) {
            throw invalid(name, "'" + name + "' is empty");
        }
        try {
            return (name.equals("program") ? base : base(args)).resolve(s).normalize();
        } catch (InvalidPathException e) {
            throw invalid(name, "'" + name + "' is not a valid path: " + dev.backstep.dap.DapLimits.preview(s));
        }
    }

    private boolean bool(String name, boolean dflt) {
        Object v = args.get(name);
        if (v == null) {
            return dflt;
        }
        if (!(v instanceof Boolean b)) {
            throw invalid(name, "'" + name + "' must be true or false, got " + Json.describe(v));
        }
        return b;
    }

    private static long size(String name, Object v) {
        try {
            return SizeParser.parse(v);
        } catch (IllegalArgumentException e) {
            throw invalid(name, "'" + name + "' " + e.getMessage());
        }
    }

    private static void requireFile(String name, Path p) {
        if (!Files.exists(p)) {
            throw invalid(name, "'" + name + "': file not found: " + p);
        }
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            throw invalid(name, "'" + name + "': not a readable file: " + p);
        }
    }

    /** Every call site says which attribute is at fault; the message names it for the user. */
    private static DapException invalid(String attribute, String message) {
        assert message.contains(attribute) : message;
        return new DapException(DapException.ErrorCodes.INVALID_ARGUMENT, message);
    }
}
