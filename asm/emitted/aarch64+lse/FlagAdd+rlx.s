# orderlab: emitted asm of FlagAdd+rlx for aarch64+lse (rustc --release, codegen-units=1, -C target-feature=+lse)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::flagadd_rlx::p0:
	mov	w8, #1
	ldadd	w8, w0, [x0]
	ret

orderlab::suite::catalog::flagadd_rlx::p1:
	mov	w8, #2
	ldadd	w8, w0, [x0]
	ret
