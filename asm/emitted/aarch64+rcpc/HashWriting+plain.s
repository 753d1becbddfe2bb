# orderlab: emitted asm of HashWriting+plain for aarch64+rcpc (rustc --release, codegen-units=1, -C target-feature=+rcpc)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::hashwriting_plain::p0:
	ldr	w8, [x0]
	tbnz	w8, #2, .LBB1579_2
	orr	w10, w8, #0x4
	str	w10, [x0]
	mov	x0, x8
	ret
.LBB1579_2:
	mov	x9, #4294967296
	orr	x0, x9, x8
	ret

orderlab::suite::catalog::hashwriting_plain::p1:
	ldr	w8, [x0]
	tbnz	w8, #2, .LBB1579_2
	orr	w10, w8, #0x4
	str	w10, [x0]
	mov	x0, x8
	ret
.LBB1579_2:
	mov	x9, #4294967296
	orr	x0, x9, x8
	ret
