# orderlab: emitted asm of MP+rlx for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::mp_rlx::p0:
	mov	dword ptr [rdi], 1
	mov	dword ptr [rsi], 1
	ret

orderlab::suite::catalog::mp_rlx::p1:
	mov	eax, dword ptr [rsi]
	mov	ecx, dword ptr [rdi]
	shl	rcx, 32
	or	rax, rcx
	ret
