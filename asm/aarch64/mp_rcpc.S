// Message passing (MP) with an RCpc Acquire load, for aarch64, AAPCS64; the signatures of
// mp.S. LDAPR is ARMv8.3 (FEAT_LRCPC): an assembler that does not know it (binutils before
// 2.30 was not checked to; 2.26.1, Ubuntu 16.04's, rejects it) cannot assemble this file, and
// build.rs then leaves this file, and only this file, out of the build with a warning. That
// is why MP+stlr+ldapr is not in mp.S, and why its writer is repeated here.
        .arch   armv8.3-a+rcpc
        .text

// MP+stlr+ldapr: Release store of the flag (stlr), RCpc Acquire load of it (ldapr).
// Forbidden on ARMv8: RCpc only lets an LDAPR pass an earlier STLR to another address.
// P0 is orderlab_mp_stlr_p0 of mp.S again.
        .globl  orderlab_mp_rcpc_p0
        .type   orderlab_mp_rcpc_p0, %function
        .p2align 2
orderlab_mp_rcpc_p0:
        mov     w8, #1
        str     w8, [x0]
        stlr    w8, [x1]
        ret
        .size   orderlab_mp_rcpc_p0, .-orderlab_mp_rcpc_p0

        .globl  orderlab_mp_ldapr_p1
        .type   orderlab_mp_ldapr_p1, %function
        .p2align 2
orderlab_mp_ldapr_p1:
        ldapr   w8, [x1]
        ldr     w9, [x0]
        stp     w8, w9, [x2]
        ret
        .size   orderlab_mp_ldapr_p1, .-orderlab_mp_ldapr_p1

        .section .note.GNU-stack,"",%progbits
