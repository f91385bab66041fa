#!/usr/bin/env bash
# Reverse-debugging latency as gdb sees it: reverse-stepi, reverse-next and reverse-continue, each
# gdb command timed with gdb's python, against `backstep gdbserver` and against QEMU's record/replay
# (qemu-system-riscv32 -icount shift=auto,rr=replay ... -s -S) on the same ELF in the same run.
#
# Usage: bench/gdb-reverse.sh [prog.elf] [function] [ignore-count] [earlier-function]
#   stops on call ignore+1 of function, does 3 next, then times 5 reverse-stepi, 3 reverse-next,
#   reverse-continue to earlier-function (short) and to main (long).
#   defaults: emulator/examples/corrupt.elf smooth_window 3 shift_window
#   bigger:   bench/gdb-reverse.sh emulator/examples/bench.elf matmul_round 5 sort_round
#   (gdb does reverse-next as one reverse step per instruction: over a loop on the same line that is
#   tens of thousands of round trips, which QEMU does not finish within QEMU_TIMEOUT)
# Environment: BACKSTEP (launcher, default ./backstep), QEMU, GDB, QEMU_TIMEOUT (s, default 300).
# Figures are printed, never asserted: the machine may be shared and noisy.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
elf="${1:-$root/emulator/examples/corrupt.elf}"
fn="${2:-smooth_window}"
ignore="${3:-3}"
earlier="${4:-shift_window}"
backstep="${BACKSTEP:-$root/backstep}"
qemu="${QEMU:-qemu-system-riscv32}"
gdb="${GDB:-gdb-multiarch}"
qemu_timeout="${QEMU_TIMEOUT:-300}"

die() { echo "gdb-reverse: $*" >&2; exit 1; }
[ -f "$elf" ] || die "no ELF at $elf"
command -v "$gdb" >/dev/null 2>&1 || die "$gdb not found (Debian: apt-get install gdb-multiarch)"

work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM HUP   # Ctrl-C too: leave through the EXIT trap (servers stopped, $work removed)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The gdb session: stop on the (ignore+1)-th call of $fn, then timed reverse commands.
# A breakpoint on $earlier gives a short reverse-continue, "main" a long one (back to the start).
write_gdb_script() {
    local port="$1" out="$2"
    {
        echo "set pagination off"
        echo "set confirm off"
        echo "set architecture riscv:rv32"
        echo "python import time"
        echo "target remote 127.0.0.1:$port"
        echo "break $fn"
        echo "ignore 1 $ignore"
        echo "python t0 = time.time()"
        echo "continue"
        echo "python print('BENCH %-34s %10.1f ms' % ('continue to $fn #$((ignore + 1))', (time.time() - t0) * 1000))"
        echo "delete"
        echo "next"
        echo "next"
        echo "next"
        for i in 1 2 3 4 5; do
            echo "python t0 = time.time()"
            echo "reverse-stepi"
            echo "python print('BENCH %-34s %10.1f ms' % ('reverse-stepi', (time.time() - t0) * 1000))"
        done
        for i in 1 2 3; do
            echo "python t0 = time.time()"
            echo "reverse-next"
            echo "python print('BENCH %-34s %10.1f ms' % ('reverse-next', (time.time() - t0) * 1000))"
        done
        echo "break $earlier"
        echo "python t0 = time.time()"
        echo "reverse-continue"
        echo "python print('BENCH %-34s %10.1f ms' % ('reverse-continue to $earlier', (time.time() - t0) * 1000))"
        echo "delete"
        echo "break main"
        echo "python t0 = time.time()"
        echo "reverse-continue"
        echo "python print('BENCH %-34s %10.1f ms' % ('reverse-continue (to main)', (time.time() - t0) * 1000))"
        echo "kill"
    } > "$out"
}

run_gdb() {
    local script="$1" log="$2"
    timeout "$qemu_timeout" "$gdb" -q -batch -nx -x "$script" "$elf" > "$log" 2>&1
    grep '^BENCH' "$log" | sed 's/^BENCH /  /'
    grep -q '^BENCH reverse-continue (to main)' "$log" || { echo "  (incomplete; last gdb output:)"; tail -5 "$log" | sed 's/^/    /'; }
}

echo "gdb-reverse: $(basename "$elf"), stop at call $((ignore + 1)) of $fn; $("$gdb" --version | head -1)"

# ---------------------------------------------------------------- Backstep
echo
echo "Backstep (live recording while debugging):"
port="$(free_port)"
"$backstep" gdbserver "$elf" --port "$port" > "$work/backstep.uart" 2> "$work/backstep.err" &
pids+=($!)
for _ in $(seq 1 100); do grep -q "listening on" "$work/backstep.err" 2>/dev/null && break; sleep 0.1; done
grep -q "listening on" "$work/backstep.err" || { cat "$work/backstep.err"; die "backstep gdbserver did not start"; }
write_gdb_script "$port" "$work/backstep.gdb"
run_gdb "$work/backstep.gdb" "$work/backstep-gdb.log"

# ---------------------------------------------------------------- QEMU
echo
echo "QEMU $("$qemu" --version | head -1 | awk '{print $4}') (record, then replay with -s -S; snapshot 'init' in a qcow2 image):"
if ! command -v "$qemu" >/dev/null 2>&1 || ! command -v qemu-img >/dev/null 2>&1; then
    echo "  skipped: $qemu or qemu-img not found (Debian: qemu-system-misc, qemu-utils)"
    exit 0
fi
qemu-img create -f qcow2 "$work/rr.qcow2" 64M > /dev/null
common=(-machine virt -bios none -nographic -monitor none -serial "file:$work/qemu.uart" -net none
        -drive "file=$work/rr.qcow2,if=none,id=rr" -kernel "$elf")
t0=$(date +%s.%N)
timeout "$qemu_timeout" "$qemu" "${common[@]}" -icount "shift=auto,rr=record,rrfile=$work/run.rr,rrsnapshot=init" \
    > "$work/qemu-record.log" 2>&1
status=$?
t1=$(date +%s.%N)
printf "  record run: %.1f s (exit status %d, log %s bytes)\n" "$(echo "$t1 - $t0" | bc)" "$status" \
    "$(stat -c %s "$work/run.rr" 2>/dev/null || echo 0)"
if [ ! -s "$work/run.rr" ]; then
    echo "  QEMU cannot reverse-debug here: the record run left no log"; tail -3 "$work/qemu-record.log" | sed 's/^/    /'
    exit 0
fi
port="$(free_port)"
"$qemu" "${common[@]}" -icount "shift=auto,rr=replay,rrfile=$work/run.rr,rrsnapshot=init" \
    -gdb "tcp:127.0.0.1:$port" -S > "$work/qemu-replay.log" 2>&1 &
pids+=($!)
sleep 1
write_gdb_script "$port" "$work/qemu.gdb"
run_gdb "$work/qemu.gdb" "$work/qemu-gdb.log"
