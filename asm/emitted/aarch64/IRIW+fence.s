# orderlab: emitted asm of IRIW+fence for aarch64 (rustc --release, codegen-units=1)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::iriw_fence::p0:
	mov	w8, #1
	str	w8, [x0]
	ret

orderlab::suite::catalog::iriw_fence::p1:
	ldr	w8, [x0]
	dmb	ish
	ldr	w9, [x1]
	orr	x0, x8, x9, lsl #32
	ret

orderlab::suite::catalog::iriw_fence::p2:
	mov	w8, #1
	str	w8, [x0]
	ret

orderlab::suite::catalog::iriw_fence::p3:
	ldr	w8, [x1]
	dmb	ish
	ldr	w9, [x0]
	orr	x0, x8, x9, lsl #32
	ret
