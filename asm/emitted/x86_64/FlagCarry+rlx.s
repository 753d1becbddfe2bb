# orderlab: emitted asm of FlagCarry+rlx for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::flagcarry_rlx::p0:
	mov	eax, 1
	lock xadd	dword ptr [rdi], eax
	ret

orderlab::suite::catalog::flagcarry_rlx::p1:
	mov	eax, 1
	lock xadd	dword ptr [rdi], eax
	ret
