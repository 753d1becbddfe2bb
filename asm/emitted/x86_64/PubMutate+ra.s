# orderlab: emitted asm of PubMutate+ra for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::pubmutate_ra::p0:
	mov	dword ptr [rdi], 1
	mov	dword ptr [rsi], 1
	mov	dword ptr [rdx], 1
	mov	dword ptr [rdi], 2
	mov	dword ptr [rsi], 2
	ret

orderlab::suite::catalog::pubmutate_ra::p1:
	mov	rax, rdi
	mov	ecx, dword ptr [rcx]
	mov	esi, dword ptr [rsi]
	mov	edx, dword ptr [rdx]
	mov	dword ptr [rdi], ecx
	mov	dword ptr [rdi + 4], esi
	mov	dword ptr [rdi + 8], edx
	ret
