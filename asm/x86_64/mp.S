// Message passing (MP) with plain moves on x86_64, System V ABI.
// P0: void f(int *x, int *y, int *out)   x = 1; y = 1            (out unused)
// P1: void f(int *x, int *y, int *out)   out[0] = y; out[1] = x
// The weak outcome 1:r0=1 /\ 1:r1=0 is forbidden by x86-TSO (stores and loads each stay in
// program order), whatever the runner does.
        .intel_syntax noprefix
        .text

        .globl  orderlab_mp_mov_p0
        .type   orderlab_mp_mov_p0, @function
        .p2align 4
orderlab_mp_mov_p0:
        mov     dword ptr [rdi], 1
        mov     dword ptr [rsi], 1
        ret
        .size   orderlab_mp_mov_p0, .-orderlab_mp_mov_p0

        .globl  orderlab_mp_mov_p1
        .type   orderlab_mp_mov_p1, @function
        .p2align 4
orderlab_mp_mov_p1:
        mov     eax, dword ptr [rsi]
        mov     ecx, dword ptr [rdi]
        mov     dword ptr [rdx], eax
        mov     dword ptr [rdx + 4], ecx
        ret
        .size   orderlab_mp_mov_p1, .-orderlab_mp_mov_p1

        .section .note.GNU-stack,"",@progbits
