# orderlab: emitted asm of S+fence for aarch64 (rustc --release, codegen-units=1)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::s_fence::p0:
	mov	w8, #2
	str	w8, [x0]
	mov	w8, #1
	dmb	ish
	str	w8, [x1]
	ret

orderlab::suite::catalog::s_fence::p1:
	mov	x8, x0
	ldr	w0, [x1]
	mov	w9, #1
	dmb	ishld
	str	w9, [x8]
	ret
