package dev.backstep.session.internal;

import dev.backstep.debuginfo.MemoryAccessException;
import dev.backstep.debuginfo.MemoryReader;
import dev.backstep.debuginfo.RegisterReader;
import dev.backstep.machine.Machine;

/** The machine's state as the debug-info layer reads it. */
final class Target {
    private Target() {
    }

    /** Live view of the hart's registers (x0..x31 and, with F, f0..f31 as 32..63 by DWARF number, pc). */
    static RegisterReader registers(Machine m) {
        return new RegisterReader() {
            @Override
            public int reg(int n) {
                return n > 0 && n < 32 ? m.hart().x(n) : (int) reg64(n);
            }

            @Override
            public long reg64(int n) {
                if (n >= 32 && n < 64 && m.hart().isa().f()) {
                    return m.hart().f(n - 32);
                }
                return n > 0 && n < 32 ? m.hart().x(n) & 0xffffffffL : 0;
            }

            @Override
            public int pc() {
                return m.hart().pc();
            }

            @Override
            public boolean available(int n) {
                return n >= 0 && (n < 32 || (n < 64 && m.hart().isa().f()));
            }

            @Override
            public java.util.OptionalLong csr(int number) {
                return m.hart().hasCsr(number) ? java.util.OptionalLong.of(m.hart().csr(number) & 0xffffffffL)
                        : java.util.OptionalLong.empty();
            }
        };
    }

    /** Memory reads without side effects; unmapped addresses fail instead of reading as 0. */
    static MemoryReader memory(Machine m) {
        return (addr, length) -> {
            if (length < 0) {
                throw new MemoryAccessException(addr, length);
            }
            if (length > 0 && (!mapped(m, addr) || !mapped(m, addr + length - 1))) {
                throw new MemoryAccessException(addr, length);
            }
            byte[] b = new byte[length];
            m.memory().readBytes(addr, b);
            return b;
        };
    }

    static boolean mapped(Machine m, int addr) {
        return m.memory().isMapped(addr);
    }
}
