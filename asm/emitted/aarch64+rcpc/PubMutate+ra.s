# orderlab: emitted asm of PubMutate+ra for aarch64+rcpc (rustc --release, codegen-units=1, -C target-feature=+rcpc)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::pubmutate_ra::p0:
	mov	w8, #1
	str	w8, [x0]
	str	w8, [x1]
	stlr	w8, [x2]
	mov	w8, #2
	str	w8, [x0]
	str	w8, [x1]
	ret

orderlab::suite::catalog::pubmutate_ra::p1:
	ldapr	w9, [x2]
	ldr	w10, [x0]
	ldr	w11, [x1]
	stp	w9, w10, [x8]
	str	w11, [x8, #8]
	ret
