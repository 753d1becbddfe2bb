# orderlab: emitted asm of LB+fence for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::lb_fence::p0:
	mov	eax, dword ptr [rdi]
	#MEMBARRIER
	mov	dword ptr [rsi], 1
	ret

orderlab::suite::catalog::lb_fence::p1:
	mov	eax, dword ptr [rsi]
	#MEMBARRIER
	mov	dword ptr [rdi], 1
	ret
