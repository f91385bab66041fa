package dev.backstep.cli.oracle;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * gdb's answers: gdb-multiarch in batch mode, connected to {@code backstep gdbserver} (a process of its own, run from
 * this test's class path), asked the questions by {@code oracle/ask.py}.
 */
final class GdbOracle {
    private static final Pattern LISTENING = Pattern.compile("listening on [^:]+:(\\d+)");
    private static final Pattern BT_LINE = Pattern.compile("^#(\\d+)\\s+(?:0x[0-9a-f]+ in )?(\\S+) \\((.*)\\)(?: at .*)?$");
    /** A guard against a hung tool, not a measurement: the whole exchange takes seconds. */
    private static final long DEADLINE_SECONDS = 300;

    private GdbOracle() {
    }

    /** gdb-multiarch on the PATH, or null. */
    static Path gdb() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            Path p = Path.of(dir, "gdb-multiarch");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    static Answers ask(OracleProgram program, List<String> functions, Path work) throws Exception {
        Path params = work.resolve(program.name() + "-questions.json");
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("functions", functions);
        List<Map<String, Object>> stops = new ArrayList<>();
        for (OracleProgram.StopSpec s : program.stops()) {
            stops.add(Map.of("at", s.at(), "hit", s.hit(), "print", s.print()));
        }
        q.put("stops", stops);
        Files.writeString(params, new Gson().toJson(q));
        Path script = work.resolve("ask.py");
        try (InputStream in = GdbOracle.class.getResourceAsStream("/oracle/ask.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process server = startServer(program);
        try {
            int port = awaitPort(server);
            List<String> cmd = List.of(gdb().toString(), "-q", "-batch", "-nx",
                    "-ex", "set architecture riscv:rv32",
                    "-ex", "target remote 127.0.0.1:" + port,
                    "-x", script.toString(), program.elf().toAbsolutePath().toString());
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .directory(program.elf().toAbsolutePath().getParent().toFile());
            pb.environment().put("ORACLE_PARAMS", params.toAbsolutePath().toString());
            Process gdb = pb.start();
            gdb.getOutputStream().close();
            String out = new String(gdb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!gdb.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                gdb.destroyForcibly();
                throw new IOException("gdb did not finish");
            }
            Files.writeString(work.resolve(program.name() + "-gdb.log"), out);
            return parse(out);
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** {@code backstep gdbserver ELF --port 0}, from this JVM's class path. */
    private static Process startServer(OracleProgram program) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.backstep.cli.Main", "gdbserver", program.elf().toString(), "--port", "0"));
        if (program.input() != null) {
            cmd.add("--input");
            cmd.add(program.input().toString());
        }
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static int awaitPort(Process server) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = err.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        err.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException ignored) {
                        // the server ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return Integer.parseInt(m.group(1));
            }
        }
        throw new IOException("backstep gdbserver did not start:\n" + seen);
    }

    static Answers parse(String out) throws IOException {
        Map<String, List<Long>> breaks = new LinkedHashMap<>();
        List<Answers.StopAnswer> stops = new ArrayList<>();
        boolean done = false;
        for (String line : out.split("\n")) {
            if (!line.startsWith("ORACLE ")) {
                continue;
            }
            JsonObject o = JsonParser.parseString(line.substring(7)).getAsJsonObject();
            switch (o.get("kind").getAsString()) {
                case "break" -> {
                    List<Long> addrs = new ArrayList<>();
                    for (JsonElement a : o.getAsJsonArray("addresses")) {
                        addrs.add(a.getAsLong());
                    }
                    breaks.put(o.get("name").getAsString(), addrs);
                }
                case "stop" -> stops.add(stop(o));
                case "done" -> done = true;
                default -> { }
            }
        }
        if (!done) {
            throw new IOException("gdb did not answer every question; its output:\n" + out);
        }
        return new Answers(breaks, stops);
    }

    private static Answers.StopAnswer stop(JsonObject o) {
        if (o.has("error")) {
            return new Answers.StopAnswer(List.of(), Map.of(), o.get("error").getAsString());
        }
        Map<Integer, String> btArgs = new LinkedHashMap<>();
        for (String l : o.get("bt").getAsString().split("\n")) {
            Matcher m = BT_LINE.matcher(l.trim());
            if (m.matches()) {
                btArgs.put(Integer.parseInt(m.group(1)), m.group(3));
            }
        }
        List<Answers.FrameAnswer> frames = new ArrayList<>();
        JsonArray fs = o.getAsJsonArray("frames");
        for (int i = 0; i < fs.size(); i++) {
            JsonObject f = fs.get(i).getAsJsonObject();
            Map<String, String> values = null;
            if (f.has("locals")) {
                values = new LinkedHashMap<>();
                values.putAll(variables(f.get("args").getAsString()));
                for (Map.Entry<String, String> e : variables(f.get("locals").getAsString()).entrySet()) {
                    values.putIfAbsent(e.getKey(), e.getValue());
                }
            }
            frames.add(new Answers.FrameAnswer(f.get("pc").getAsLong(),
                    f.get("name").isJsonNull() ? "??" : f.get("name").getAsString(),
                    f.get("file").isJsonNull() ? null : f.get("file").getAsString(), f.get("line").getAsInt(),
                    f.get("kind").getAsString(), values, btArgs.get(i)));
        }
        Map<String, String> prints = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("prints").entrySet()) {
            prints.put(e.getKey(), e.getValue().getAsString().trim().replaceFirst("^\\$\\d+ = ", ""));
        }
        return new Answers.StopAnswer(frames, prints, null);
    }

    /** "name = value" lines of info args / info locals (the innermost of equal names first, as gdb lists them). */
    private static Map<String, String> variables(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String l : text.split("\n")) {
            int eq = l.indexOf(" = ");
            if (eq > 0 && !l.startsWith(" ")) {
                out.putIfAbsent(l.substring(0, eq), l.substring(eq + 3));
            }
        }
        return out;
    }
}
