# orderlab: emitted asm of Bits+ldst for aarch64+lse (rustc --release, codegen-units=1, -C target-feature=+lse)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::bits_ldst::p0:
	mov	x8, x0
	ldr	w0, [x0]
	orr	w9, w0, #0x1
	str	w9, [x8]
	ret

orderlab::suite::catalog::bits_ldst::p1:
	mov	x8, x0
	ldr	w0, [x0]
	orr	w9, w0, #0x2
	str	w9, [x8]
	ret
