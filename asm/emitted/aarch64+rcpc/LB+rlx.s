# orderlab: emitted asm of LB+rlx for aarch64+rcpc (rustc --release, codegen-units=1, -C target-feature=+rcpc)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::lb_rlx::p0:
	ldr	w0, [x0]
	mov	w8, #1
	str	w8, [x1]
	ret

orderlab::suite::catalog::lb_rlx::p1:
	mov	x8, x0
	ldr	w0, [x1]
	mov	w9, #1
	str	w9, [x8]
	ret
