# orderlab: emitted asm of LockHandoff+ra for aarch64 (rustc --release, codegen-units=1)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::lockhandoff_ra::p0:
	mov	w8, #1
	str	w8, [x0]
	stlr	wzr, [x1]
	ret

orderlab::suite::catalog::lockhandoff_ra::p1:
	stp	x29, x30, [sp, #-32]!
	stp	x20, x19, [sp, #16]
	mov	x29, sp
	mov	x2, x1
	mov	x19, x0
	mov	w0, wzr
	mov	w1, #1
	mov	x20, x8
	bl	__aarch64_cas4_acq
	ldr	w8, [x19]
	cmp	w0, #0
	cset	w9, eq
	stp	w0, w9, [x20]
	str	w8, [x20, #8]
	ldp	x20, x19, [sp, #16]
	ldp	x29, x30, [sp], #32
	ret
