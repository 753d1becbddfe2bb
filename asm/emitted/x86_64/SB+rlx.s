# orderlab: emitted asm of SB+rlx for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::sb_rlx::p0:
	mov	dword ptr [rdi], 1
	mov	eax, dword ptr [rsi]
	ret

orderlab::suite::catalog::sb_rlx::p1:
	mov	dword ptr [rsi], 1
	mov	eax, dword ptr [rdi]
	ret
