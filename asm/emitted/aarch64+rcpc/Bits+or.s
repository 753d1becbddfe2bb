# orderlab: emitted asm of Bits+or for aarch64+rcpc (rustc --release, codegen-units=1, -C target-feature=+rcpc)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::bits_or::p0:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	mov	x1, x0
	mov	w0, #1
	bl	__aarch64_ldset4_relax
	ldp	x29, x30, [sp], #16
	ret

orderlab::suite::catalog::bits_or::p1:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	mov	x1, x0
	mov	w0, #2
	bl	__aarch64_ldset4_relax
	ldp	x29, x30, [sp], #16
	ret
