# orderlab: emitted asm of FlagStore+rlx for aarch64 (rustc --release, codegen-units=1)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::flagstore_rlx::p0:
	mov	w8, #1
	str	w8, [x0]
	ret

orderlab::suite::catalog::flagstore_rlx::p1:
	mov	w8, #2
	str	w8, [x0]
	ret
