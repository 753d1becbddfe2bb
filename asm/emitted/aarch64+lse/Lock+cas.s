# orderlab: emitted asm of Lock+cas for aarch64+lse (rustc --release, codegen-units=1, -C target-feature=+lse)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::lock_cas::p0:
	ldr	w10, [x2]
	mov	w8, #1
	mov	w9, w10
	casa	w9, w8, [x0]
	cmp	w9, w10
	b.ne	.LBB1650_2
	ldr	w8, [x1]
	mov	w9, #1
	add	w10, w8, #1
	orr	x8, x9, x8, lsl #32
	str	w10, [x1]
	stlr	wzr, [x0]
	mov	x0, x8
	ret
.LBB1650_2:
	mov	x0, xzr
	str	w9, [x2]
	ret

orderlab::suite::catalog::lock_cas::p1:
	ldr	w10, [x2]
	mov	w8, #1
	mov	w9, w10
	casa	w9, w8, [x0]
	cmp	w9, w10
	b.ne	.LBB1650_2
	ldr	w8, [x1]
	mov	w9, #1
	add	w10, w8, #1
	orr	x8, x9, x8, lsl #32
	str	w10, [x1]
	stlr	wzr, [x0]
	mov	x0, x8
	ret
.LBB1650_2:
	mov	x0, xzr
	str	w9, [x2]
	ret
