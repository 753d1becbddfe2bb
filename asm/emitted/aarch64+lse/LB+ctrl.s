# orderlab: emitted asm of LB+ctrl for aarch64+lse (rustc --release, codegen-units=1, -C target-feature=+lse)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::lb_ctrl::p0:
	ldr	w0, [x0]
	cmp	w0, #1
	b.ne	.LBB1631_2
	mov	w8, #1
	str	w8, [x1]
.LBB1631_2:
	ret

orderlab::suite::catalog::lb_ctrl::p1:
	ldr	w8, [x1]
	cmp	w8, #1
	b.ne	.LBB1632_2
	mov	w9, #1
	str	w9, [x0]
.LBB1632_2:
	mov	w0, w8
	ret
