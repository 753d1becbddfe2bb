# orderlab: emitted asm of CheckThenSet+if for aarch64+lse (rustc --release, codegen-units=1, -C target-feature=+lse)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::checkthenset_if::p0:
	mov	x8, x0
	ldar	w0, [x0]
	cbz	w0, .LBB1566_2
	ret
.LBB1566_2:
	mov	w9, #1
	stlr	w9, [x8]
	ldadd	w9, w8, [x1]
	ret

orderlab::suite::catalog::checkthenset_if::p1:
	mov	x8, x0
	ldar	w0, [x0]
	cbz	w0, .LBB1566_2
	ret
.LBB1566_2:
	mov	w9, #1
	stlr	w9, [x8]
	ldadd	w9, w8, [x1]
	ret
