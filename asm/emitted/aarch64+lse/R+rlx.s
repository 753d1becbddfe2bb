# orderlab: emitted asm of R+rlx for aarch64+lse (rustc --release, codegen-units=1, -C target-feature=+lse)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::r_rlx::p0:
	mov	w8, #1
	str	w8, [x0]
	str	w8, [x1]
	ret

orderlab::suite::catalog::r_rlx::p1:
	mov	w8, #2
	str	w8, [x1]
	ldr	w0, [x0]
	ret
