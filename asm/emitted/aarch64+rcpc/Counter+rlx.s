# orderlab: emitted asm of Counter+rlx for aarch64+rcpc (rustc --release, codegen-units=1, -C target-feature=+rcpc)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::counter_rlx::p0:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	mov	x1, x0
	mov	w0, #1
	bl	__aarch64_ldadd4_relax
	ldp	x29, x30, [sp], #16
	ret

orderlab::suite::catalog::counter_rlx::p1:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	mov	x1, x0
	mov	w0, #1
	bl	__aarch64_ldadd4_relax
	ldp	x29, x30, [sp], #16
	ret
