# orderlab: emitted asm of MP+fence for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::mp_fence::p0:
	mov	dword ptr [rdi], 1
	#MEMBARRIER
	mov	dword ptr [rsi], 1
	ret

orderlab::suite::catalog::mp_fence::p1:
	mov	eax, dword ptr [rsi]
	#MEMBARRIER
	mov	ecx, dword ptr [rdi]
	shl	rcx, 32
	or	rax, rcx
	ret
