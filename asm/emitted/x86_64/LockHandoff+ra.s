# orderlab: emitted asm of LockHandoff+ra for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::lockhandoff_ra::p0:
	mov	dword ptr [rdi], 1
	mov	dword ptr [rsi], 0
	ret

orderlab::suite::catalog::lockhandoff_ra::p1:
	mov	eax, dword ptr [rdx]
	mov	ecx, 1
	lock cmpxchg	dword ptr [rsi], ecx
	mov	ecx, 1
	je	.LBB1561_2
	mov	dword ptr [rdx], eax
	xor	ecx, ecx
.LBB1561_2:
	mov	eax, dword ptr [rdi]
	shl	rax, 32
	or	rax, rcx
	ret
