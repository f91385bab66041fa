#include "rt.h"

int main(void)
{
    printf("Hello from Backstep examples on the RISC-V virt board!\n");
    return 0;
}
