# orderlab: emitted asm of SB+fence.sc+po for aarch64+rcpc (rustc --release, codegen-units=1, -C target-feature=+rcpc)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::sb_fence_sc_po::p0:
	mov	w8, #1
	str	w8, [x0]
	dmb	ish
	ldr	w0, [x1]
	ret

orderlab::suite::catalog::sb_fence_sc_po::p1:
	mov	w8, #1
	str	w8, [x1]
	ldr	w0, [x0]
	ret
