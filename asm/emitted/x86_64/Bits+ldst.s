# orderlab: emitted asm of Bits+ldst for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::bits_ldst::p0:
	mov	eax, dword ptr [rdi]
	mov	ecx, eax
	or	ecx, 1
	mov	dword ptr [rdi], ecx
	ret

orderlab::suite::catalog::bits_ldst::p1:
	mov	eax, dword ptr [rdi]
	mov	ecx, eax
	or	ecx, 2
	mov	dword ptr [rdi], ecx
	ret
