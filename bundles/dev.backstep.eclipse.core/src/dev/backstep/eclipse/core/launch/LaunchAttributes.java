package dev.backstep.eclipse.core.launch;

/** Attribute names of a Backstep launch configuration; most map one to one onto the DAP launch request. */
public final class LaunchAttributes {
    private static final String P = "dev.backstep.eclipse.launch.";

    /** The ELF to debug: a path, possibly with variables such as ${workspace_loc:/p/a.elf}. */
    public static final String PROGRAM = P + "program";
    /** "record" (run live and record) or "replay" (open a recording). */
    public static final String MODE = P + "mode";
    /** Where to save the recording (record mode) or the recording to open (replay mode). */
    public static final String RECORDING = P + "recording";
    /** A file whose bytes are the UART input (record mode). */
    public static final String INPUT_FILE = P + "input";
    /** Literal UART input text (record mode), used when no input file is given. */
    public static final String INPUT_TEXT = P + "inputText";
    public static final String STOP_ON_ENTRY = P + "stopOnEntry";
    /** Guest RAM size such as "128M"; blank for the server's default. */
    public static final String RAM = P + "ram";
    public static final String SNAPSHOT_BUDGET = P + "snapshotBudget";
    /** Record mode: the instruction set, an arch string such as "rv32imafdc_zba"; blank for the ELF's own. */
    public static final String ISA = P + "isa";
    /** Translate hot guest code to JVM bytecode (default true); false interprets everything, to compare. */
    public static final String TRANSLATE = P + "translate";
    /** A java executable or JDK folder to run the server with; blank for the Java running Eclipse. */
    public static final String JAVA = P + "java";
    /** A server jar to use instead of the bundled one; blank for the bundled one. */
    public static final String SERVER_JAR = P + "serverJar";

    public static final String MODE_RECORD = "record";
    public static final String MODE_REPLAY = "replay";

    private LaunchAttributes() {
    }
}
