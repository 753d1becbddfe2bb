# orderlab: emitted asm of BucketPub+plain+ra for aarch64+rcpc (rustc --release, codegen-units=1, -C target-feature=+rcpc)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::bucketpub_plain_ra::p0:
	mov	w8, #1
	mov	w9, #2
	str	w8, [x0]
	str	w9, [x1]
	mov	w9, #3
	str	w9, [x2]
	stlr	w8, [x3]
	ret

orderlab::suite::catalog::bucketpub_plain_ra::p1:
	ldapr	w9, [x3]
	cmp	w9, #1
	b.ne	.LBB1581_2
	ldr	w12, [x0]
	ldr	w11, [x1]
	ldr	w10, [x2]
	stp	w9, w12, [x8]
	stp	w11, w10, [x8, #8]
	ret
.LBB1581_2:
	mov	w10, #-1
	mov	w11, #-1
	mov	w12, #-1
	stp	w9, w12, [x8]
	stp	w11, w10, [x8, #8]
	ret
