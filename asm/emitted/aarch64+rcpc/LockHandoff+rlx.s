# orderlab: emitted asm of LockHandoff+rlx for aarch64+rcpc (rustc --release, codegen-units=1, -C target-feature=+rcpc)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::lockhandoff_rlx::p0:
	mov	w8, #1
	str	w8, [x0]
	str	wzr, [x1]
	ret

orderlab::suite::catalog::lockhandoff_rlx::p1:
	stp	x29, x30, [sp, #-48]!
	stp	x22, x21, [sp, #16]
	stp	x20, x19, [sp, #32]
	mov	x29, sp
	mov	x20, x2
	mov	x2, x1
	mov	x19, x0
	ldr	w21, [x20]
	mov	w1, #1
	mov	w22, #1
	mov	w0, w21
	bl	__aarch64_cas4_relax
	cmp	w0, w21
	b.eq	.LBB1573_2
	mov	x22, xzr
	str	w0, [x20]
.LBB1573_2:
	ldr	w8, [x19]
	orr	x0, x22, x8, lsl #32
	ldp	x20, x19, [sp, #32]
	ldp	x22, x21, [sp, #16]
	ldp	x29, x30, [sp], #48
	ret
