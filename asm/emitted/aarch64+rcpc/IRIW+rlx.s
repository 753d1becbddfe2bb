# orderlab: emitted asm of IRIW+rlx for aarch64+rcpc (rustc --release, codegen-units=1, -C target-feature=+rcpc)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::iriw_rlx::p0:
	mov	w8, #1
	str	w8, [x0]
	ret

orderlab::suite::catalog::iriw_rlx::p1:
	ldr	w8, [x0]
	ldr	w9, [x1]
	orr	x0, x8, x9, lsl #32
	ret

orderlab::suite::catalog::iriw_rlx::p2:
	mov	w8, #1
	str	w8, [x0]
	ret

orderlab::suite::catalog::iriw_rlx::p3:
	ldr	w8, [x1]
	ldr	w9, [x0]
	orr	x0, x8, x9, lsl #32
	ret
