# orderlab: emitted asm of WRC+fence for aarch64+rcpc (rustc --release, codegen-units=1, -C target-feature=+rcpc)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::wrc_fence::p0:
	mov	w8, #1
	str	w8, [x0]
	ret

orderlab::suite::catalog::wrc_fence::p1:
	ldr	w0, [x0]
	mov	w8, #1
	dmb	ish
	str	w8, [x1]
	ret

orderlab::suite::catalog::wrc_fence::p2:
	ldr	w8, [x1]
	dmb	ishld
	ldr	w9, [x0]
	orr	x0, x8, x9, lsl #32
	ret
