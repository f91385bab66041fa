/* Fixture of the gdb oracle test (emulator/cli GdbOracleTest): the same
 * program at -O0, -Og and -O2, asked the same questions through gdb and
 * through Backstep's session layer. It holds what source-level answers
 * trip over: a handle whose type is opaque here (queue.c defines it),
 * cv-qualified pointers, char and function pointers, a shrink-wrapped
 * function, and traps through a vector that saves registers in its own
 * layout (trapvec.S) and through a C interrupt handler. */
#include "../rt.h"
#include "queue.h"

struct task {
    const char *name;
    unsigned priority;
    struct task *next;
    void (*entry)(void *arg);
    char tag[8];
};

/* The registers trapvec.S saves, in its order. */
struct trap_frame {
    uint32_t mepc, mcause;
    uint32_t ra, t0, t1, t2, t3, t4, t5, t6;
    uint32_t a0, a1, a2, a3, a4, a5, a6, a7;
    uint32_t pad[2];
};

typedef void (*hook_t)(int);

void trap_vector(void);

static struct task tasks[3];
struct task *volatile current_task;
const char *const greeting = "Blink1";
static const char banner[16] = "oracle";
static unsigned char raw[4] = {1, 2, 0xff, 0};
static hook_t hooks[2];
static queue_t work_queue;
static volatile uint32_t ticks;
static volatile uint32_t syscalls;
volatile int sink;

static void blink(void *arg)
{
    sink += (int)(uintptr_t)arg;
}

static void count(void *arg)
{
    sink -= (int)(uintptr_t)arg;
}

static void on_tick(int n)
{
    sink += n;
}

/* One line: where its prologue ends, only the instructions can tell. */
static unsigned clamp_priority(unsigned p) { return p > 3 ? 3 : p; }

/* At -O2 the early return runs before the frame is set up (shrink-wrapped). */
__attribute__((noinline)) int describe(const struct task *t)
{
    if (t == 0)
        return -1;
    printf("%s: priority %u, tag %s\n", t->name, t->priority, t->tag);
    return (int)t->priority;
}

static void setup_tasks(void)
{
    static const char *const names[3] = {"blink", "count", "idle"};
    for (int i = 0; i < 3; i++) {
        tasks[i].name = names[i];
        tasks[i].priority = clamp_priority(3 - (unsigned)i);
        tasks[i].next = i < 2 ? &tasks[i + 1] : 0;
        tasks[i].entry = i == 1 ? count : blink;
        memcpy(tasks[i].tag, "t-", 3);
        tasks[i].tag[2] = (char)('0' + i);
    }
    hooks[0] = on_tick;
    hooks[1] = 0;
}

void on_trap(struct trap_frame *f)
{
    if (f->mcause == (MCAUSE_INTERRUPT | IRQ_M_TIMER)) {
        ticks++;
        set_mtimecmp(read_mtime() + 1000);
        return;
    }
    if (f->mcause == 11) {          /* ecall from M-mode: a0 doubled */
        syscalls++;
        f->a0 = f->a0 * 2;
        f->mepc += 4;
        return;
    }
    printf("unexpected trap %x at %x\n", f->mcause, f->mepc);
    exit(100);
}

__attribute__((interrupt("machine"), aligned(4))) void timer_isr(void)
{
    ticks++;
    set_mtimecmp(read_mtime() + 1000);
}

__attribute__((noinline)) int syscall(int n)
{
    register int a0 __asm__("a0") = n;
    __asm__ volatile ("ecall" : "+r"(a0) :: "memory");
    return a0;
}

__attribute__((noinline)) void wait_ticks(uint32_t n)
{
    uint32_t target = ticks + n;
    set_mtimecmp(read_mtime() + 1000);
    csr_set(mie, 1u << IRQ_M_TIMER);
    csr_set(mstatus, 1u << 3);
    while (ticks < target)
        __asm__ volatile ("wfi");
    csr_clear(mstatus, 1u << 3);
    csr_clear(mie, 1u << IRQ_M_TIMER);
}

int main(void)
{
    const char *msg = greeting;
    hook_t hook = hooks[0];
    int item = 0;

    setup_tasks();
    hook = hooks[0];
    work_queue = queue_create(banner);
    for (struct task *t = &tasks[0]; t != 0; t = t->next) {
        current_task = t;
        t->entry((void *)(uintptr_t)t->priority);
        describe(t);
        queue_send(work_queue, (int)t->priority);
    }
    describe(0);
    hook((int)queue_waiting(work_queue));
    queue_receive(work_queue, &item);

    csr_write(mtvec, (uintptr_t)trap_vector);
    int doubled = syscall(21);
    wait_ticks(1);
    csr_write(mtvec, (uintptr_t)timer_isr);
    wait_ticks(2);

    printf("%s: %s, item %d, doubled %d, ticks %u, raw %u\n", msg, banner, item, doubled, ticks, raw[2]);
    return doubled == 42 && ticks == 3 && syscalls == 1 ? 0 : 1;
}
