# orderlab: emitted asm of LostUpdate+sc for aarch64+lse (rustc --release, codegen-units=1, -C target-feature=+lse)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::lostupdate_sc::p0:
	mov	x8, x0
	ldar	w0, [x0]
	add	w9, w0, #1
	stlr	w9, [x8]
	ret

orderlab::suite::catalog::lostupdate_sc::p1:
	mov	x8, x0
	ldar	w0, [x0]
	add	w9, w0, #1
	stlr	w9, [x8]
	ret
