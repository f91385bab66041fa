package dev.backstep.debuginfo.line;

import dev.backstep.debuginfo.DwarfFormatException;
import dev.backstep.debuginfo.dwarf.Dw;
import dev.backstep.debuginfo.dwarf.DwarfSections;
import dev.backstep.debuginfo.dwarf.SectionReader;

import java.util.ArrayList;
import java.util.List;

/** One line-number program of .debug_line (versions 2 to 5), decoded into sequences of rows. */
public final class LineProgram {
    private static final int DW_LNCT_PATH = 1;
    private static final int DW_LNCT_DIRECTORY_INDEX = 2;

    private final int offset;
    private final int version;
    private final List<String> directories;
    private final List<String> files;
    private final List<LineSequence> sequences;

    private LineProgram(int offset, int version, List<String> directories, List<String> files,
                        List<LineSequence> sequences) {
        this.offset = offset;
        this.version = version;
        this.directories = directories;
        this.files = files;
        this.sequences = sequences;
    }

    public int offset() {
        return offset;
    }

    public int version() {
        return version;
    }

    public List<String> directories() {
        return directories;
    }

    /** File names in table order, joined with their directory (and comp_dir when relative). */
    public List<String> files() {
        return files;
    }

    public List<LineSequence> sequences() {
        return sequences;
    }

    /**
     * Decodes the program at {@code offset} of .debug_line. {@code compDir} and {@code cuName} come from the unit:
     * DWARF 4 tables do not list the compilation directory, so relative directories are joined with it.
     */
    public static LineProgram parse(DwarfSections sections, long offset, String compDir, int addressSize)
            throws DwarfFormatException {
        SectionReader r = sections.reader(".debug_line");
        r.seek(offset);
        int start = r.offset();
        long length = r.u32();
        boolean d64 = false;
        if (length == 0xffffffffL) {
            d64 = true;
            length = r.u64();
        }
        if (length > r.remaining()) {
            throw r.error(start, "line program length 0x" + Long.toHexString(length) + " runs past the end of the"
                    + " section (truncated?)");
        }
        SectionReader p = r.limit(length);
        int version = p.u16();
        if (version < 2 || version > 5) {
            throw p.error(start, "unsupported line table version " + version);
        }
        if (version >= 5) {
            addressSize = p.u8();
            p.u8(); // segment selector size
        }
        long headerLength = p.offset(d64);
        int programStart = p.offset() + (int) headerLength;
        int minInst = p.u8();
        int maxOps = version >= 4 ? p.u8() : 1;
        if (maxOps == 0) {
            throw p.error("maximum_operations_per_instruction is 0");
        }
        boolean defaultIsStmt = p.u8() != 0;
        int lineBase = p.s8();
        int lineRange = p.u8();
        if (lineRange == 0) {
            throw p.error("line_range is 0");
        }
        int opcodeBase = p.u8();
        int[] stdLengths = new int[Math.max(opcodeBase, 1)];
        for (int i = 1; i < opcodeBase; i++) {
            stdLengths[i] = p.u8();
        }
        List<String> dirs = new ArrayList<>();
        List<String> files = new ArrayList<>();
        if (version >= 5) {
            List<long[]> dirFormat = entryFormat(p);
            int ndirs = p.ulebInt();
            for (int i = 0; i < ndirs; i++) {
                String[] e = entry(p, sections, dirFormat, d64);
                dirs.add(e[0] == null ? "" : e[0]);
            }
            List<long[]> fileFormat = entryFormat(p);
            int nfiles = p.ulebInt();
            String base = dirs.isEmpty() ? compDir : dirs.get(0);
            for (int i = 0; i < nfiles; i++) {
                String[] e = entry(p, sections, fileFormat, d64);
                int dir = e[1] == null ? 0 : Integer.parseInt(e[1]);
                String dirName = dir < dirs.size() ? dirs.get(dir) : "";
                files.add(join(join(base, dirName), e[0] == null ? "" : e[0]));
            }
        } else {
            dirs.add(compDir == null ? "" : compDir);
            while (true) {
                String d = p.cstring();
                if (d.isEmpty()) {
                    break;
                }
                dirs.add(join(compDir, d));
            }
            files.add(null); // DWARF 4 file numbers start at 1
            while (true) {
                String f = p.cstring();
                if (f.isEmpty()) {
                    break;
                }
                int dir = p.ulebInt();
                p.uleb();
                p.uleb();
                files.add(join(dir < dirs.size() ? dirs.get(dir) : compDir, f));
            }
        }
        p.seek(programStart);
        List<LineSequence> seqs = run(p, version, addressSize, minInst, maxOps, defaultIsStmt, lineBase, lineRange,
                opcodeBase, stdLengths, files, compDir);
        return new LineProgram(start, version, List.copyOf(dirs), java.util.Collections.unmodifiableList(files),
                List.copyOf(seqs));
    }

    private static List<long[]> entryFormat(SectionReader p) throws DwarfFormatException {
        int n = p.u8();
        List<long[]> format = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            format.add(new long[] {p.uleb(), p.uleb()});
        }
        return format;
    }

    /** Reads one directory/file entry; returns {path, directory index}. */
    private static String[] entry(SectionReader p, DwarfSections sections, List<long[]> format, boolean d64)
            throws DwarfFormatException {
        String path = null;
        String dir = null;
        for (long[] f : format) {
            int at = p.offset();
            int form = (int) f[1];
            String s = null;
            long n = 0;
            switch (form) {
                case Dw.FORM_STRING: s = p.cstring(); break;
                case Dw.FORM_LINE_STRP: s = sections.reader(".debug_line_str").stringAt(p.offset(d64)); break;
                case Dw.FORM_STRP: s = sections.reader(".debug_str").stringAt(p.offset(d64)); break;
                case Dw.FORM_UDATA: n = p.uleb(); break;
                case Dw.FORM_DATA1: n = p.u8(); break;
                case Dw.FORM_DATA2: n = p.u16(); break;
                case Dw.FORM_DATA4: n = p.u32(); break;
                case Dw.FORM_DATA8: n = p.u64(); break;
                case Dw.FORM_DATA16: p.skip(16); break;
                case Dw.FORM_BLOCK: p.skip(p.uleb()); break;
                case Dw.FORM_STRX: case Dw.FORM_STRX1: case Dw.FORM_STRX2: case Dw.FORM_STRX3: case Dw.FORM_STRX4:
                    throw p.error(at, "indexed strings (form 0x" + Integer.toHexString(form)
                            + ") in a line table header are not supported");
                default:
                    throw p.error(at, "unknown form 0x" + Integer.toHexString(form) + " in line table entry format");
            }
            if (f[0] == DW_LNCT_PATH) {
                path = s;
            } else if (f[0] == DW_LNCT_DIRECTORY_INDEX) {
                dir = Long.toString(n);
            }
        }
        return new String[] {path, dir};
    }

    static String join(String dir, String name) {
        if (name == null) {
            return dir;
        }
        if (name.startsWith("/") || dir == null || dir.isEmpty() || (name.length() > 1 && name.charAt(1) == ':')) {
            return name;
        }
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    private static List<LineSequence> run(SectionReader p, int version, int addressSize, int minInst, int maxOps,
                                          boolean defaultIsStmt, int lineBase, int lineRange, int opcodeBase,
                                          int[] stdLengths, List<String> files, String compDir)
            throws DwarfFormatException {
        List<LineSequence> seqs = new ArrayList<>();
        List<LineRow> rows = new ArrayList<>();
        List<String> fileNames = new ArrayList<>(files);
        long address = 0;
        int opIndex = 0;
        int file = 1;
        int line = 1;
        int column = 0;
        boolean isStmt = defaultIsStmt;
        boolean prologueEnd = false;
        boolean epilogueBegin = false;
        int discriminator = 0;
        while (!p.atEnd()) {
            int at = p.offset();
            int op = p.u8();
            if (op >= opcodeBase) {
                int adj = op - opcodeBase;
                int opAdvance = adj / lineRange;
                address += (long) minInst * ((opIndex + opAdvance) / maxOps);
                opIndex = (opIndex + opAdvance) % maxOps;
                line += lineBase + adj % lineRange;
                rows.add(new LineRow(address, name(fileNames, file), line, column, isStmt, false, prologueEnd,
                        epilogueBegin, discriminator));
                prologueEnd = false;
                epilogueBegin = false;
                discriminator = 0;
                continue;
            }
            switch (op) {
                case 0: {
                    long len = p.uleb();
                    if (len == 0) {
                        throw p.error(at, "extended opcode with length 0");
                    }
                    int end = p.offset() + (int) len;
                    int sub = p.u8();
                    switch (sub) {
                        case 1:
                            rows.add(new LineRow(address, name(fileNames, file), line, column, isStmt, true,
                                    prologueEnd, epilogueBegin, discriminator));
                            seqs.add(new LineSequence(List.copyOf(rows)));
                            rows.clear();
                            address = 0;
                            opIndex = 0;
                            file = 1;
                            line = 1;
                            column = 0;
                            isStmt = defaultIsStmt;
                            prologueEnd = false;
                            epilogueBegin = false;
                            discriminator = 0;
                            break;
                        case 2:
                            address = p.unsigned((int) len - 1 == 8 ? 8 : (int) len - 1 == 4 ? 4 : addressSize);
                            opIndex = 0;
                            break;
                        case 3: {
                            String f = p.cstring();
                            p.uleb(); // directory index: obsolete DW_LNE_define_file, joined with comp_dir only
                            p.uleb();
                            p.uleb();
                            fileNames.add(join(compDir, f));
                            break;
                        }
                        case 4:
                            discriminator = p.ulebInt();
                            break;
                        default:
                            break; // unknown extended opcodes are skipped by their length, as DWARF intends
                    }
                    p.seek(end);
                    break;
                }
                case 1:
                    rows.add(new LineRow(address, name(fileNames, file), line, column, isStmt, false, prologueEnd,
                            epilogueBegin, discriminator));
                    prologueEnd = false;
                    epilogueBegin = false;
                    discriminator = 0;
                    break;
                case 2: {
                    long adv = p.uleb();
                    address += minInst * ((opIndex + adv) / maxOps);
                    opIndex = (int) ((opIndex + adv) % maxOps);
                    break;
                }
                case 3:
                    line += (int) p.sleb();
                    break;
                case 4:
                    file = p.ulebInt();
                    break;
                case 5:
                    column = p.ulebInt();
                    break;
                case 6:
                    isStmt = !isStmt;
                    break;
                case 7:
                    break;
                case 8: {
                    int adv = (255 - opcodeBase) / lineRange;
                    address += (long) minInst * ((opIndex + adv) / maxOps);
                    opIndex = (opIndex + adv) % maxOps;
                    break;
                }
                case 9:
                    address += p.u16();
                    opIndex = 0;
                    break;
                case 10:
                    prologueEnd = true;
                    break;
                case 11:
                    epilogueBegin = true;
                    break;
                case 12:
                    p.uleb();
                    break;
                default:
                    for (int i = 0; i < stdLengths[op]; i++) {
                        p.uleb();
                    }
            }
            if (address < 0 || (addressSize == 4 && address > 0xffffffffL)) {
                address &= addressSize == 4 ? 0xffffffffL : -1L;
            }
        }
        if (!rows.isEmpty()) {
            // A program that ends without DW_LNE_end_sequence: keep its rows, closed at the last address.
            LineRow last = rows.get(rows.size() - 1);
            rows.add(new LineRow(last.address(), last.file(), last.line(), last.column(), false, true, false, false, 0));
            seqs.add(new LineSequence(List.copyOf(rows)));
        }
        return seqs;
    }

    private static String name(List<String> files, int index) {
        return index >= 0 && index < files.size() && files.get(index) != null ? files.get(index) : "<file " + index + ">";
    }
}
