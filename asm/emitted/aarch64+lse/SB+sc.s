# orderlab: emitted asm of SB+sc for aarch64+lse (rustc --release, codegen-units=1, -C target-feature=+lse)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::sb_sc::p0:
	mov	w8, #1
	stlr	w8, [x0]
	ldar	w0, [x1]
	ret

orderlab::suite::catalog::sb_sc::p1:
	mov	w8, #1
	stlr	w8, [x1]
	ldar	w0, [x0]
	ret
