# orderlab: emitted asm of LockHandoff+rlx for aarch64+lse (rustc --release, codegen-units=1, -C target-feature=+lse)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::lockhandoff_rlx::p0:
	mov	w8, #1
	str	w8, [x0]
	str	wzr, [x1]
	ret

orderlab::suite::catalog::lockhandoff_rlx::p1:
	mov	w9, wzr
	mov	w10, #1
	cas	w9, w10, [x1]
	ldr	w10, [x0]
	cmp	w9, #0
	str	w10, [x8, #8]
	cset	w11, eq
	stp	w9, w11, [x8]
	ret
