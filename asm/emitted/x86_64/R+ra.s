# orderlab: emitted asm of R+ra for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::r_ra::p0:
	mov	dword ptr [rdi], 1
	mov	dword ptr [rsi], 1
	ret

orderlab::suite::catalog::r_ra::p1:
	mov	dword ptr [rsi], 2
	mov	eax, dword ptr [rdi]
	ret
