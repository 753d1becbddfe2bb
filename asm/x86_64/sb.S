// Store buffering (SB) kernels for x86_64, System V ABI.
// Every thread function: void f(int *mine, int *other, int *out)
//   rdi = the location this thread stores to, rsi = the location it loads,
//   rdx = where it writes its register r0.
// P0 is called with (x, y, out0) and P1 with (y, x, out1), so one function serves both
// threads; the weak outcome is 0:r0=0 /\ 1:r0=0.
        .intel_syntax noprefix
        .text

// SB+mov: plain store, plain load. x86-TSO lets the load pass the buffered store.
        .globl  orderlab_sb_mov
        .type   orderlab_sb_mov, @function
        .p2align 4
orderlab_sb_mov:
        mov     dword ptr [rdi], 1
        mov     eax, dword ptr [rsi]
        mov     dword ptr [rdx], eax
        ret
        .size   orderlab_sb_mov, .-orderlab_sb_mov

// SB+mfence: the load waits until the store has left the store buffer.
        .globl  orderlab_sb_mfence
        .type   orderlab_sb_mfence, @function
        .p2align 4
orderlab_sb_mfence:
        mov     dword ptr [rdi], 1
        mfence
        mov     eax, dword ptr [rsi]
        mov     dword ptr [rdx], eax
        ret
        .size   orderlab_sb_mfence, .-orderlab_sb_mfence

// SB+xchg: the store is a locked exchange (xchg with a memory operand is always locked;
// rustc's SeqCst store).
        .globl  orderlab_sb_xchg
        .type   orderlab_sb_xchg, @function
        .p2align 4
orderlab_sb_xchg:
        mov     eax, 1
        lock xchg dword ptr [rdi], eax
        mov     eax, dword ptr [rsi]
        mov     dword ptr [rdx], eax
        ret
        .size   orderlab_sb_xchg, .-orderlab_sb_xchg

// SB+lockadd: a locked add of 0 to the stack between store and load, used as a full
// barrier (the Linux kernel's smp_mb() on x86_64; rustc's fence(SeqCst) uses lock or).
// [rsp - 8] lies in the red zone of this leaf function.
        .globl  orderlab_sb_lockadd
        .type   orderlab_sb_lockadd, @function
        .p2align 4
orderlab_sb_lockadd:
        mov     dword ptr [rdi], 1
        lock add dword ptr [rsp - 8], 0
        mov     eax, dword ptr [rsi]
        mov     dword ptr [rdx], eax
        ret
        .size   orderlab_sb_lockadd, .-orderlab_sb_lockadd

        .section .note.GNU-stack,"",@progbits
