# orderlab: emitted asm of DirtyFlag+ra for aarch64+rcpc (rustc --release, codegen-units=1, -C target-feature=+rcpc)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::dirtyflag_ra::p0:
	mov	w8, #1
	stlr	w8, [x1]
	ldapr	w0, [x0]
	ret

orderlab::suite::catalog::dirtyflag_ra::p1:
	mov	w8, #1
	stlr	w8, [x0]
	ldapr	w0, [x1]
	ret
