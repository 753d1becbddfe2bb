# orderlab: emitted asm of CoRR+rlx for aarch64+lse (rustc --release, codegen-units=1, -C target-feature=+lse)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::corr_rlx::p0:
	mov	w8, #1
	str	w8, [x0]
	ret

orderlab::suite::catalog::corr_rlx::p1:
	ldr	w8, [x0]
	ldr	w9, [x0]
	orr	x0, x8, x9, lsl #32
	ret
