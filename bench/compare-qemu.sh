#!/usr/bin/env bash
# Compares the interpreter speed of Backstep with QEMU on the compute benchmark
# (emulator/examples/bench.elf): QEMU plain (TCG, its fastest), QEMU with
# -icount shift=0 (exact instruction counting, like Backstep), and Backstep.
#
# QEMU's MIPS = instructions / wall seconds, the instruction count being the
# program's own "minstret N" line from the -icount run (plain QEMU's minstret
# reads the host cycle counter, not instructions). Backstep prints its own
# "MIPS: <number>" line from `backstep bench`.
#
# Usage: bench/compare-qemu.sh [path/to/bench.elf]     (run from anywhere)
# Figures are printed, never asserted: the machine may be shared and noisy.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
elf="${1:-$root/emulator/examples/bench.elf}"
qemu="${QEMU:-qemu-system-riscv32}"
backstep="${BACKSTEP:-$root/backstep}"

die() { echo "compare-qemu: $*" >&2; exit 1; }

[ -f "$elf" ] || die "no benchmark ELF at $elf (build it with: make -C emulator/examples bench.elf)"
command -v "$qemu" >/dev/null 2>&1 || die "$qemu not found (Debian/Ubuntu: apt-get install qemu-system-misc)"
command -v python3 >/dev/null 2>&1 || die "python3 not found (used for timing and arithmetic)"

# Runs QEMU on the ELF; prints "<wall seconds> <exit status>" and leaves the output in $2.
time_qemu() {
    local out="$1"; shift
    python3 - "$out" "$@" <<'PY'
import subprocess, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
t0 = time.perf_counter()
with open(out, "wb") as f:
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=f, stderr=subprocess.STDOUT, timeout=300)
        status = p.returncode
    except subprocess.TimeoutExpired:
        status = "timeout"
print(f"{time.perf_counter() - t0:.4f} {status}")
PY
}

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP   # Ctrl-C too: leave through the EXIT trap, which removes $tmp

qargs=(-machine virt -bios none -nographic -monitor none -kernel "$elf")

mips() { python3 -c "import sys; print(f'{int(sys.argv[1]) / float(sys.argv[2]) / 1e6:.1f}')" "$1" "$2"; }

# each figure is printed as soon as its run finishes
echo "benchmark: $elf"
read -r t_icount st_icount < <(time_qemu "$tmp/icount.out" "$qemu" "${qargs[@]}" -icount shift=0,sleep=off)
[ "$st_icount" = 0 ] || die "QEMU -icount run failed (status $st_icount):$(echo; tail -5 "$tmp/icount.out")"
instructions="$(sed -n 's/^minstret \([0-9][0-9]*\).*/\1/p' "$tmp/icount.out" | tail -1)"
[ -n "$instructions" ] || die "the benchmark printed no 'minstret N' line under QEMU -icount"
mips_icount="$(mips "$instructions" "$t_icount")"
echo "instructions (guest minstret, QEMU -icount): $instructions"
printf '%-28s %8s s  %8s MIPS\n' "QEMU -icount shift=0" "$t_icount" "$mips_icount"

read -r t_plain st_plain < <(time_qemu "$tmp/plain.out" "$qemu" "${qargs[@]}")
[ "$st_plain" = 0 ] || die "QEMU plain run failed (status $st_plain):$(echo; tail -5 "$tmp/plain.out")"
mips_plain="$(mips "$instructions" "$t_plain")"
printf '%-28s %8s s  %8s MIPS\n' "QEMU (plain TCG)" "$t_plain" "$mips_plain"

if [ ! -x "$backstep" ]; then
    echo "Backstep: $backstep not found or not executable (build the CLI first); QEMU figures only." >&2
    exit 0
fi
# Backstep's runs as they finish, indented; its figures below
if ! "$backstep" bench "$elf" 2>&1 | tee "$tmp/backstep.out" | sed -u -n 's/^run /  Backstep run /p'; then
    echo "Backstep: '$backstep bench' failed:" >&2
    tail -5 "$tmp/backstep.out" >&2
    exit 1
fi
mips_backstep="$(sed -n 's/.*MIPS:[[:space:]]*\([0-9.][0-9.]*\).*/\1/p' "$tmp/backstep.out" | tail -1)"
[ -n "$mips_backstep" ] || die "'$backstep bench' printed no 'MIPS: <number>' line:$(echo; tail -5 "$tmp/backstep.out")"
printf '%-28s %8s    %8s MIPS\n' "Backstep" "" "$mips_backstep"

ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.3f}')" "$1" "$2"; }
echo "Backstep / QEMU plain:   $(ratio "$mips_backstep" "$mips_plain")"
echo "Backstep / QEMU -icount: $(ratio "$mips_backstep" "$mips_icount")"
