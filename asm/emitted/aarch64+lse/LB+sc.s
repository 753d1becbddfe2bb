# orderlab: emitted asm of LB+sc for aarch64+lse (rustc --release, codegen-units=1, -C target-feature=+lse)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::lb_sc::p0:
	ldar	w0, [x0]
	mov	w8, #1
	stlr	w8, [x1]
	ret

orderlab::suite::catalog::lb_sc::p1:
	mov	x8, x0
	ldar	w0, [x1]
	mov	w9, #1
	stlr	w9, [x8]
	ret
