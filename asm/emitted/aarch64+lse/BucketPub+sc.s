# orderlab: emitted asm of BucketPub+sc for aarch64+lse (rustc --release, codegen-units=1, -C target-feature=+lse)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::bucketpub_sc::p0:
	mov	w8, #1
	mov	w9, #2
	str	w8, [x0]
	str	w9, [x1]
	mov	w9, #3
	str	w9, [x2]
	stlr	w8, [x3]
	ret

orderlab::suite::catalog::bucketpub_sc::p1:
	ldar	w9, [x3]
	ldr	w10, [x0]
	ldr	w11, [x1]
	ldr	w12, [x2]
	stp	w9, w10, [x8]
	stp	w11, w12, [x8, #8]
	ret
