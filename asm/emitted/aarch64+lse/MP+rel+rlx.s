# orderlab: emitted asm of MP+rel+rlx for aarch64+lse (rustc --release, codegen-units=1, -C target-feature=+lse)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::mp_rel_rlx::p0:
	mov	w8, #1
	str	w8, [x0]
	stlr	w8, [x1]
	ret

orderlab::suite::catalog::mp_rel_rlx::p1:
	ldr	w8, [x1]
	ldr	w9, [x0]
	orr	x0, x8, x9, lsl #32
	ret
