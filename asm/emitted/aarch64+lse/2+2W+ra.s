# orderlab: emitted asm of 2+2W+ra for aarch64+lse (rustc --release, codegen-units=1, -C target-feature=+lse)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::t_2_2w_ra::p0:
	mov	w8, #1
	mov	w9, #2
	stlr	w8, [x0]
	stlr	w9, [x1]
	ret

orderlab::suite::catalog::t_2_2w_ra::p1:
	mov	w8, #1
	mov	w9, #2
	stlr	w8, [x1]
	stlr	w9, [x0]
	ret
