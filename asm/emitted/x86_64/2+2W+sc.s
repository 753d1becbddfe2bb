# orderlab: emitted asm of 2+2W+sc for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::t_2_2w_sc::p0:
	mov	eax, 1
	xchg	dword ptr [rdi], eax
	mov	eax, 2
	xchg	dword ptr [rsi], eax
	ret

orderlab::suite::catalog::t_2_2w_sc::p1:
	mov	eax, 1
	xchg	dword ptr [rsi], eax
	mov	eax, 2
	xchg	dword ptr [rdi], eax
	ret
