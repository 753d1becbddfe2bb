# orderlab: emitted asm of Lock+cas for aarch64+rcpc (rustc --release, codegen-units=1, -C target-feature=+rcpc)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::lock_cas::p0:
	stp	x29, x30, [sp, #-48]!
	stp	x22, x21, [sp, #16]
	stp	x20, x19, [sp, #32]
	mov	x29, sp
	ldr	w22, [x2]
	mov	x20, x0
	mov	x21, x2
	mov	x19, x1
	mov	w1, #1
	mov	x2, x20
	mov	w0, w22
	bl	__aarch64_cas4_acq
	cmp	w0, w22
	b.ne	.LBB1650_2
	ldr	w8, [x19]
	mov	w9, #1
	orr	x0, x9, x8, lsl #32
	add	w10, w8, #1
	str	w10, [x19]
	stlr	wzr, [x20]
	ldp	x20, x19, [sp, #32]
	ldp	x22, x21, [sp, #16]
	ldp	x29, x30, [sp], #48
	ret
.LBB1650_2:
	mov	w8, w0
	mov	x0, xzr
	str	w8, [x21]
	ldp	x20, x19, [sp, #32]
	ldp	x22, x21, [sp, #16]
	ldp	x29, x30, [sp], #48
	ret

orderlab::suite::catalog::lock_cas::p1:
	stp	x29, x30, [sp, #-48]!
	stp	x22, x21, [sp, #16]
	stp	x20, x19, [sp, #32]
	mov	x29, sp
	ldr	w22, [x2]
	mov	x20, x0
	mov	x21, x2
	mov	x19, x1
	mov	w1, #1
	mov	x2, x20
	mov	w0, w22
	bl	__aarch64_cas4_acq
	cmp	w0, w22
	b.ne	.LBB1650_2
	ldr	w8, [x19]
	mov	w9, #1
	orr	x0, x9, x8, lsl #32
	add	w10, w8, #1
	str	w10, [x19]
	stlr	wzr, [x20]
	ldp	x20, x19, [sp, #32]
	ldp	x22, x21, [sp, #16]
	ldp	x29, x30, [sp], #48
	ret
.LBB1650_2:
	mov	w8, w0
	mov	x0, xzr
	str	w8, [x21]
	ldp	x20, x19, [sp, #32]
	ldp	x22, x21, [sp, #16]
	ldp	x29, x30, [sp], #48
	ret
