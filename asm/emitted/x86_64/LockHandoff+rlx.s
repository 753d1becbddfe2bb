# orderlab: emitted asm of LockHandoff+rlx for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::lockhandoff_rlx::p0:
	mov	dword ptr [rdi], 1
	mov	dword ptr [rsi], 0
	ret

orderlab::suite::catalog::lockhandoff_rlx::p1:
	mov	ecx, 1
	xor	r8d, r8d
	xor	eax, eax
	lock cmpxchg	dword ptr [rdx], ecx
	sete	r8b
	mov	ecx, dword ptr [rsi]
	mov	dword ptr [rdi], eax
	mov	dword ptr [rdi + 4], r8d
	mov	dword ptr [rdi + 8], ecx
	mov	rax, rdi
	ret
