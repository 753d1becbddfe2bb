// Store buffering (SB) kernels for aarch64, AAPCS64.
// void f(int *mine, int *other, int *out): *mine = 1; out[0] = *other.
// P0 is called with (x, y, out0), P1 with (y, x, out1); weak outcome 0:r0=0 /\ 1:r0=0.
        .arch   armv8-a
        .text

// SB+stlr+ldar: rustc's SeqCst store and load. ARMv8 forbids the weak outcome (an LDAR may
// not pass an earlier STLR), but qemu-user on an x86 host translates STLR as
// barrier-then-store and LDAR as load-then-barrier, so it shows there.
        .globl  orderlab_sb_stlr_ldar
        .type   orderlab_sb_stlr_ldar, %function
        .p2align 2
orderlab_sb_stlr_ldar:
        mov     w8, #1
        stlr    w8, [x0]
        ldar    w9, [x1]
        str     w9, [x2]
        ret
        .size   orderlab_sb_stlr_ldar, .-orderlab_sb_stlr_ldar

// SB+dmb: a full barrier between store and load; forbidden on ARMv8 and under qemu-user.
        .globl  orderlab_sb_dmb
        .type   orderlab_sb_dmb, %function
        .p2align 2
orderlab_sb_dmb:
        mov     w8, #1
        str     w8, [x0]
        dmb     ish
        ldr     w9, [x1]
        str     w9, [x2]
        ret
        .size   orderlab_sb_dmb, .-orderlab_sb_dmb

        .section .note.GNU-stack,"",%progbits
