# orderlab: emitted asm of LB+ra for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::lb_ra::p0:
	mov	eax, dword ptr [rdi]
	mov	dword ptr [rsi], 1
	ret

orderlab::suite::catalog::lb_ra::p1:
	mov	eax, dword ptr [rsi]
	mov	dword ptr [rdi], 1
	ret
