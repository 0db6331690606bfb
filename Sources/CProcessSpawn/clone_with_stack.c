#define _GNU_SOURCE
#include "root_steps.h"

/* clone3 with a stack of the child's own: what lets pid 1 start the runtime straight in its
   freezer cgroup (CLONE_INTO_CGROUP, which only clone3 has) while sharing pid 1's memory
   (CLONE_VM | CLONE_VFORK) instead of copying it. A copy is a copy of the tutor's page tables
   (pid 1 is a fork of the tutor), and the runtime's exec then has to tear it down again, on
   the way to the runtime's first instruction.

   glibc does not export its clone3 wrapper, and a plain syscall() cannot be used here: with
   a new stack the child would return from syscall() into a frame it does not have. So the
   child's side is a few instructions of assembly: it never returns; it calls `fn(argument)`
   on the new stack and exits with what fn returns (fn execs or _exits first). */

#if defined(__x86_64__)
__asm__(
    ".text\n"
    ".globl cps_clone3_with_stack\n"
    ".hidden cps_clone3_with_stack\n"
    ".type cps_clone3_with_stack,@function\n"
    "cps_clone3_with_stack:\n"
    /* rdi = args, rsi = size, rdx = fn, rcx = argument; the system call keeps rdx and r8,
       not rcx. */
    "    movq %rcx, %r8\n"
    "    movl $435, %eax\n"          /* SYS_clone3 */
    "    syscall\n"
    "    testq %rax, %rax\n"
    "    jz 1f\n"
    "    ret\n"                      /* the parent: the child's pid or -errno */
    "1:  xorl %ebp, %ebp\n"          /* the child, on its own stack */
    "    andq $-16, %rsp\n"
    "    movq %r8, %rdi\n"
    "    callq *%rdx\n"
    "    movl %eax, %edi\n"
    "    movl $60, %eax\n"           /* SYS_exit */
    "    syscall\n"
    "    hlt\n"
    ".size cps_clone3_with_stack, .-cps_clone3_with_stack\n");
int cps_has_clone3_with_stack(void) { return 1; }
#elif defined(__aarch64__)
__asm__(
    ".text\n"
    ".globl cps_clone3_with_stack\n"
    ".hidden cps_clone3_with_stack\n"
    ".type cps_clone3_with_stack,%function\n"
    "cps_clone3_with_stack:\n"
    /* x0 = args, x1 = size, x2 = fn, x3 = argument; the system call keeps all but x0. */
    "    mov x8, #435\n"             /* SYS_clone3 */
    "    svc #0\n"
    "    cbz x0, 1f\n"
    "    ret\n"
    "1:  mov x29, #0\n"
    "    mov x30, #0\n"
    "    mov x0, x3\n"
    "    blr x2\n"
    "    mov x8, #93\n"              /* SYS_exit */
    "    svc #0\n"
    "    brk #0\n"
    ".size cps_clone3_with_stack, .-cps_clone3_with_stack\n");
int cps_has_clone3_with_stack(void) { return 1; }
#else
long cps_clone3_with_stack(void *args, unsigned long size, int (*fn)(void *), void *argument) {
    (void)args; (void)size; (void)fn; (void)argument;
    return -38; /* -ENOSYS: the caller copies pid 1's memory instead */
}
int cps_has_clone3_with_stack(void) { return 0; }
#endif
