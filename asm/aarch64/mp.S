// Message passing (MP) kernels for aarch64, AAPCS64.
// P0: void f(int *x, int *y, int *out)   x = 1; y = 1            (out unused)
// P1: void f(int *x, int *y, int *out)   out[0] = y; out[1] = x
// The weak outcome is 1:r0=1 /\ 1:r1=0 (y seen, x stale).
        .arch   armv8-a
        .text

// MP+str+ldr: plain accesses. ARMv8 allows the weak outcome (both pairs may reorder).
        .globl  orderlab_mp_str_p0
        .type   orderlab_mp_str_p0, %function
        .p2align 2
orderlab_mp_str_p0:
        mov     w8, #1
        str     w8, [x0]
        str     w8, [x1]
        ret
        .size   orderlab_mp_str_p0, .-orderlab_mp_str_p0

        .globl  orderlab_mp_str_p1
        .type   orderlab_mp_str_p1, %function
        .p2align 2
orderlab_mp_str_p1:
        ldr     w8, [x1]
        ldr     w9, [x0]
        stp     w8, w9, [x2]
        ret
        .size   orderlab_mp_str_p1, .-orderlab_mp_str_p1

// MP+dmb.st+dmb.ld: a store barrier between the writer's stores, a load barrier between
// the reader's loads. Forbidden on ARMv8.
        .globl  orderlab_mp_dmb_p0
        .type   orderlab_mp_dmb_p0, %function
        .p2align 2
orderlab_mp_dmb_p0:
        mov     w8, #1
        str     w8, [x0]
        dmb     ishst
        str     w8, [x1]
        ret
        .size   orderlab_mp_dmb_p0, .-orderlab_mp_dmb_p0

        .globl  orderlab_mp_dmb_p1
        .type   orderlab_mp_dmb_p1, %function
        .p2align 2
orderlab_mp_dmb_p1:
        ldr     w8, [x1]
        dmb     ishld
        ldr     w9, [x0]
        stp     w8, w9, [x2]
        ret
        .size   orderlab_mp_dmb_p1, .-orderlab_mp_dmb_p1

// MP+stlr+ldar: Release store of the flag, RCsc Acquire load of it (LDAR). Forbidden on
// ARMv8. (MP+stlr+ldapr, with an RCpc LDAPR, is in mp_rcpc.S.)
        .globl  orderlab_mp_stlr_p0
        .type   orderlab_mp_stlr_p0, %function
        .p2align 2
orderlab_mp_stlr_p0:
        mov     w8, #1
        str     w8, [x0]
        stlr    w8, [x1]
        ret
        .size   orderlab_mp_stlr_p0, .-orderlab_mp_stlr_p0

        .globl  orderlab_mp_ldar_p1
        .type   orderlab_mp_ldar_p1, %function
        .p2align 2
orderlab_mp_ldar_p1:
        ldar    w8, [x1]
        ldr     w9, [x0]
        stp     w8, w9, [x2]
        ret
        .size   orderlab_mp_ldar_p1, .-orderlab_mp_ldar_p1

// MP+dmb.st+addr: the reader's second load takes its address from the first load's value
// (x + (r0 ^ r0)): an address dependency, which ARMv8 orders without any barrier. C has no
// way to say this (memory_order_consume is promoted to acquire by compilers).
        .globl  orderlab_mp_addr_p1
        .type   orderlab_mp_addr_p1, %function
        .p2align 2
orderlab_mp_addr_p1:
        ldr     w8, [x1]
        eor     w10, w8, w8
        ldr     w9, [x0, w10, sxtw]
        stp     w8, w9, [x2]
        ret
        .size   orderlab_mp_addr_p1, .-orderlab_mp_addr_p1
        .section .note.GNU-stack,"",%progbits
