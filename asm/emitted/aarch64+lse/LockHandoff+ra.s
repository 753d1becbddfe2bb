# orderlab: emitted asm of LockHandoff+ra for aarch64+lse (rustc --release, codegen-units=1, -C target-feature=+lse)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::lockhandoff_ra::p0:
	mov	w8, #1
	str	w8, [x0]
	stlr	wzr, [x1]
	ret

orderlab::suite::catalog::lockhandoff_ra::p1:
	ldr	w10, [x2]
	mov	w8, #1
	mov	w9, w10
	casa	w9, w8, [x1]
	cmp	w9, w10
	b.eq	.LBB1562_2
	mov	x8, xzr
	str	w9, [x2]
.LBB1562_2:
	ldr	w9, [x0]
	orr	x0, x8, x9, lsl #32
	ret
