# orderlab: emitted asm of S+rlx for aarch64+lse (rustc --release, codegen-units=1, -C target-feature=+lse)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::s_rlx::p0:
	mov	w8, #2
	mov	w9, #1
	str	w8, [x0]
	str	w9, [x1]
	ret

orderlab::suite::catalog::s_rlx::p1:
	mov	x8, x0
	ldr	w0, [x1]
	mov	w9, #1
	str	w9, [x8]
	ret
