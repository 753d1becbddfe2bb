# orderlab: emitted asm of MP+fence for aarch64 (rustc --release, codegen-units=1)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::mp_fence::p0:
	mov	w8, #1
	str	w8, [x0]
	dmb	ish
	str	w8, [x1]
	ret

orderlab::suite::catalog::mp_fence::p1:
	ldr	w8, [x1]
	dmb	ishld
	ldr	w9, [x0]
	orr	x0, x8, x9, lsl #32
	ret
