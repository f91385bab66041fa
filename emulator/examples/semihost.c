/* A program for semihosting (QEMU's -semihosting, Backstep's --semihosting),
 * built with picolibc's semihosting start-up code and library: its stdio
 * goes to the host console, main gets the command line, exit ends the run
 * with the exit code. It also writes, reads, measures, seeks in and removes a
 * file in the directory the host allows, asks for heap information and reads
 * the host clocks (printed only as checks, so the output is the same on every
 * run). Exits with 3. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <semihost.h>

static const char *const lines[] = {"first line", "second line", "third line"};

static int check_file(void)
{
    FILE *f = fopen("semihost-test.txt", "w");
    if (!f) {
        printf("fopen for writing failed\n");
        return 1;
    }
    for (unsigned i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        fprintf(f, "%u: %s\n", i, lines[i]);
    }
    fclose(f);

    int fd = sys_semihost_open("semihost-test.txt", 0);
    printf("open for reading: %s, is a tty: %d\n", fd > 0 ? "ok" : "failed", sys_semihost_istty(fd));
    printf("length: %d\n", (int)sys_semihost_flen(fd));
    char buf[64];
    int left = sys_semihost_read(fd, buf, 8);
    buf[8 - left] = 0;
    printf("first 8 bytes: \"%s\"\n", buf);
    sys_semihost_seek(fd, 14);
    left = sys_semihost_read(fd, buf, sizeof buf - 1);
    buf[sizeof buf - 1 - left] = 0;
    printf("from byte 14: \"%s\"", buf);
    sys_semihost_close(fd);

    printf("remove: %d\n", sys_semihost_remove("semihost-test.txt"));
    printf("open after remove: %d\n", sys_semihost_open("semihost-test.txt", 0));
    printf("open outside: %d\n", sys_semihost_open("../semihost-test.txt", 0) > 0);
    return 0;
}

int main(int argc, char **argv)
{
    printf("hello from semihosting\n");
    printf("argc %d\n", argc);
    for (int i = 0; i < argc; i++) {
        printf("argv[%d] = \"%s\"\n", i, argv[i]);
    }
    struct sys_semihost_block heap;
    sys_semihost_heapinfo(&heap);
    printf("heap %p..%p stack %p..%p\n", heap.heap_base, heap.heap_limit, heap.stack_limit, heap.stack_base);

    clock_t c1 = clock();
    for (volatile int i = 0; i < 100000; i++) {
    }
    clock_t c2 = clock();
    printf("clock does not go back: %s\n", c2 >= c1 ? "yes" : "no");
    printf("time after 2020: %s\n", time(NULL) > 1577836800 ? "yes" : "no");

    if (check_file() != 0) {
        return 1;
    }
    fputs("to stderr\n", stderr);
    printf("exit 3\n");
    return 3;
}
