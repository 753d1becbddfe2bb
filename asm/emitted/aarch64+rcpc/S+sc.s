# orderlab: emitted asm of S+sc for aarch64+rcpc (rustc --release, codegen-units=1, -C target-feature=+rcpc)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::s_sc::p0:
	mov	w8, #2
	mov	w9, #1
	stlr	w8, [x0]
	stlr	w9, [x1]
	ret

orderlab::suite::catalog::s_sc::p1:
	mov	x8, x0
	ldar	w0, [x1]
	mov	w9, #1
	stlr	w9, [x8]
	ret
