# orderlab: emitted asm of TestAndSet+sc for aarch64+rcpc (rustc --release, codegen-units=1, -C target-feature=+rcpc)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::testandset_sc::p0:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	mov	x1, x0
	mov	w0, #1
	bl	__aarch64_swp4_acq_rel
	ldp	x29, x30, [sp], #16
	ret

orderlab::suite::catalog::testandset_sc::p1:
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	mov	x1, x0
	mov	w0, #1
	bl	__aarch64_swp4_acq_rel
	ldp	x29, x30, [sp], #16
	ret
