#!/usr/bin/env bash
# Compares whole-process speed on one ELF, in one run: QEMU plain (TCG, its
# fastest), QEMU with -icount shift=0,sleep=off (exact instruction counting,
# like Backstep), and `backstep run` with the translator (the default) and with
# --no-translate (the interpreter alone). Every figure is wall-clock time of the
# whole process, JVM start and warm-up included for Backstep.
#
# MIPS = instructions / wall seconds; the instruction count is the program's own
# "minstret N" line under QEMU -icount (plain QEMU's minstret reads the host
# cycle counter). Backstep must print the same minstret line (it counts exactly
# as QEMU -icount does); a difference is reported as an error.
#
# Usage: bench/compare-qemu.sh [path/to/prog.elf] [repeats]   (run from anywhere)
#   default ELF: emulator/examples/mix.elf (about 8.5 * 10^8 instructions);
#   repeats (default 3): each figure is the median of that many runs.
# Figures are printed, never asserted: the machine may be shared and noisy.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
elf="${1:-$root/emulator/examples/mix.elf}"
repeats="${2:-3}"
qemu="${QEMU:-qemu-system-riscv32}"
backstep="${BACKSTEP:-$root/backstep}"

die() { echo "compare-qemu: $*" >&2; exit 1; }

[ -f "$elf" ] || die "no ELF at $elf (build it with: make -C emulator/examples mix.elf)"
command -v "$qemu" >/dev/null 2>&1 || die "$qemu not found (Debian/Ubuntu: apt-get install qemu-system-misc)"
command -v python3 >/dev/null 2>&1 || die "python3 not found (used for timing and arithmetic)"

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP   # Ctrl-C too: leave through the EXIT trap, which removes $tmp

# Runs a command `repeats` times; prints "<median wall seconds> <exit status of the last run>", output in $1.
time_runs() {
    local out="$1"; shift
    python3 - "$out" "$repeats" "$@" <<'PY'
import statistics, subprocess, sys, time
out, repeats, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
times, status = [], None
for _ in range(repeats):
    t0 = time.perf_counter()
    with open(out, "wb") as f:
        try:
            status = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=f, stderr=subprocess.STDOUT,
                                    timeout=600).returncode
        except subprocess.TimeoutExpired:
            status = "timeout"
    times.append(time.perf_counter() - t0)
print(f"{statistics.median(times):.4f} {status}")
PY
}

minstret() { sed -n 's/^minstret \([0-9][0-9]*\).*/\1/p' "$1" | tail -1; }
mips() { python3 -c "import sys; print(f'{int(sys.argv[1]) / float(sys.argv[2]) / 1e6:.1f}')" "$1" "$2"; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.3f}')" "$1" "$2"; }

qargs=(-machine virt -bios none -nographic -monitor none -kernel "$elf")
echo "ELF: $elf (median of $repeats runs each, whole process)"
read -r t_icount st < <(time_runs "$tmp/icount.out" "$qemu" "${qargs[@]}" -icount shift=0,sleep=off)
[ "$st" = 0 ] || die "QEMU -icount run failed (status $st):$(echo; tail -5 "$tmp/icount.out")"
instructions="$(minstret "$tmp/icount.out")"
[ -n "$instructions" ] || die "the program printed no 'minstret N' line under QEMU -icount"
read -r t_plain st < <(time_runs "$tmp/plain.out" "$qemu" "${qargs[@]}")
[ "$st" = 0 ] || die "QEMU plain run failed (status $st):$(echo; tail -5 "$tmp/plain.out")"

echo "instructions (guest minstret, QEMU -icount): $instructions"
printf '%-34s %8s s  %8s MIPS\n' "QEMU (plain TCG)" "$t_plain" "$(mips "$instructions" "$t_plain")"
printf '%-34s %8s s  %8s MIPS\n' "QEMU -icount shift=0,sleep=off" "$t_icount" "$(mips "$instructions" "$t_icount")"

if [ ! -x "$backstep" ]; then
    echo "Backstep: $backstep not found or not executable (build the CLI first); QEMU figures only." >&2
    exit 0
fi
for mode in translator interpreter; do
    flags=()
    [ "$mode" = interpreter ] && flags=(--no-translate)
    read -r t st < <(time_runs "$tmp/$mode.out" "$backstep" run "${flags[@]}" "$elf")
    [ "$st" = 0 ] || die "'backstep run ${flags[*]}' failed (status $st):$(echo; tail -5 "$tmp/$mode.out")"
    got="$(minstret "$tmp/$mode.out")"
    [ "$got" = "$instructions" ] || die "Backstep ($mode) counted minstret $got, QEMU -icount $instructions"
    printf '%-34s %8s s  %8s MIPS\n' "Backstep run ($mode)" "$t" "$(mips "$instructions" "$t")"
    eval "t_$mode=$t"
done
# a figure below its target is flagged, as bench and bench-replay flag theirs
flag() { python3 -c "import sys; print('' if float(sys.argv[1]) >= float(sys.argv[2]) else ': MISSED')" "$1" "$2"; }
r_icount="$(ratio "$t_icount" "$t_translator")"
r_plain="$(ratio "$t_plain" "$t_translator")"
echo "Backstep translator / QEMU -icount: $r_icount (target >= 1$(flag "$r_icount" 1))"
echo "Backstep translator / QEMU plain:   $r_plain (stretch target >= 0.5$(flag "$r_plain" 0.5))"
echo "Backstep translator / interpreter:  $(ratio "$t_interpreter" "$t_translator")"
