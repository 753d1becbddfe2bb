# orderlab: emitted asm of 2+2W+rlx for aarch64 (rustc --release, codegen-units=1)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::t_2_2w_rlx::p0:
	mov	w8, #1
	mov	w9, #2
	str	w8, [x0]
	str	w9, [x1]
	ret

orderlab::suite::catalog::t_2_2w_rlx::p1:
	mov	w8, #1
	mov	w9, #2
	str	w8, [x1]
	str	w9, [x0]
	ret
