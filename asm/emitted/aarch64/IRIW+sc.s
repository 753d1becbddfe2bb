# orderlab: emitted asm of IRIW+sc for aarch64 (rustc --release, codegen-units=1)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::iriw_sc::p0:
	mov	w8, #1
	stlr	w8, [x0]
	ret

orderlab::suite::catalog::iriw_sc::p1:
	ldar	w8, [x0]
	ldar	w9, [x1]
	orr	x0, x8, x9, lsl #32
	ret

orderlab::suite::catalog::iriw_sc::p2:
	mov	w8, #1
	stlr	w8, [x0]
	ret

orderlab::suite::catalog::iriw_sc::p3:
	ldar	w8, [x1]
	ldar	w9, [x0]
	orr	x0, x8, x9, lsl #32
	ret
