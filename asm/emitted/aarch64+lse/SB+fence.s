# orderlab: emitted asm of SB+fence for aarch64+lse (rustc --release, codegen-units=1, -C target-feature=+lse)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::sb_fence::p0:
	mov	w8, #1
	str	w8, [x0]
	dmb	ish
	ldr	w0, [x1]
	ret

orderlab::suite::catalog::sb_fence::p1:
	mov	w8, #1
	str	w8, [x1]
	dmb	ish
	ldr	w0, [x0]
	ret
