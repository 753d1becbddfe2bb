# orderlab: emitted asm of S+sc for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::s_sc::p0:
	mov	eax, 2
	xchg	dword ptr [rdi], eax
	mov	eax, 1
	xchg	dword ptr [rsi], eax
	ret

orderlab::suite::catalog::s_sc::p1:
	mov	eax, dword ptr [rsi]
	mov	ecx, 1
	xchg	dword ptr [rdi], ecx
	ret
