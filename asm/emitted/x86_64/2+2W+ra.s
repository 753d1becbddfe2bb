# orderlab: emitted asm of 2+2W+ra for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::t_2_2w_ra::p0:
	mov	dword ptr [rdi], 1
	mov	dword ptr [rsi], 2
	ret

orderlab::suite::catalog::t_2_2w_ra::p1:
	mov	dword ptr [rsi], 1
	mov	dword ptr [rdi], 2
	ret
