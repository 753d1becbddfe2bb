# orderlab: emitted asm of MP+plain+ra for aarch64+rcpc (rustc --release, codegen-units=1, -C target-feature=+rcpc)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::mp_plain_ra::p0:
	mov	w8, #42
	mov	w9, #1
	str	w8, [x0]
	stlr	w9, [x1]
	ret

orderlab::suite::catalog::mp_plain_ra::p1:
	ldapr	w8, [x1]
	cmp	w8, #1
	b.ne	.LBB1525_2
	ldr	w9, [x0]
	lsl	x9, x9, #32
	orr	x0, x9, x8
	ret
.LBB1525_2:
	mov	x9, #-4294967296
	orr	x0, x9, x8
	ret
