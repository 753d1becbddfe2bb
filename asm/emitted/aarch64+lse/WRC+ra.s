# orderlab: emitted asm of WRC+ra for aarch64+lse (rustc --release, codegen-units=1, -C target-feature=+lse)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::wrc_ra::p0:
	mov	w8, #1
	stlr	w8, [x0]
	ret

orderlab::suite::catalog::wrc_ra::p1:
	ldar	w0, [x0]
	mov	w8, #1
	stlr	w8, [x1]
	ret

orderlab::suite::catalog::wrc_ra::p2:
	ldar	w8, [x1]
	ldar	w9, [x0]
	orr	x0, x8, x9, lsl #32
	ret
