# orderlab: emitted asm of 2+2W+fence for aarch64+rcpc (rustc --release, codegen-units=1, -C target-feature=+rcpc)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::t_2_2w_fence::p0:
	mov	w8, #1
	str	w8, [x0]
	mov	w8, #2
	dmb	ish
	str	w8, [x1]
	ret

orderlab::suite::catalog::t_2_2w_fence::p1:
	mov	w8, #1
	str	w8, [x1]
	mov	w8, #2
	dmb	ish
	str	w8, [x0]
	ret
