# orderlab: emitted asm of CheckThenSet+if for aarch64 (rustc --release, codegen-units=1)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::checkthenset_if::p0:
	stp	x29, x30, [sp, #-32]!
	str	x19, [sp, #16]
	mov	x29, sp
	ldar	w19, [x0]
	cbz	w19, .LBB1566_2
	mov	w0, w19
	ldr	x19, [sp, #16]
	ldp	x29, x30, [sp], #32
	ret
.LBB1566_2:
	mov	w8, #1
	stlr	w8, [x0]
	mov	w0, #1
	bl	__aarch64_ldadd4_relax
	mov	w0, w19
	ldr	x19, [sp, #16]
	ldp	x29, x30, [sp], #32
	ret

orderlab::suite::catalog::checkthenset_if::p1:
	stp	x29, x30, [sp, #-32]!
	str	x19, [sp, #16]
	mov	x29, sp
	ldar	w19, [x0]
	cbz	w19, .LBB1566_2
	mov	w0, w19
	ldr	x19, [sp, #16]
	ldp	x29, x30, [sp], #32
	ret
.LBB1566_2:
	mov	w8, #1
	stlr	w8, [x0]
	mov	w0, #1
	bl	__aarch64_ldadd4_relax
	mov	w0, w19
	ldr	x19, [sp, #16]
	ldp	x29, x30, [sp], #32
	ret
