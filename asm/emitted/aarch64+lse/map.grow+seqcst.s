# orderlab: emitted asm of map.grow+seqcst for aarch64+lse (rustc --release, codegen-units=1, -C target-feature=+lse)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::map::lab::grow_writer_seqcst:
	b	_ZN8orderlab3map10concurrent4grow79_$LT$impl$u20$orderlab..map..concurrent..ConcurrentMap$LT$K$C$V$C$S$C$P$GT$$GT$13lab_grow_work17h706eb409d3492b41E

orderlab::map::lab::grow_reader_seqcst:
	sub	sp, sp, #96
	stp	x29, x30, [sp, #48]
	stp	x22, x21, [sp, #64]
	stp	x20, x19, [sp, #80]
	add	x29, sp, #48
	mov	x22, x1
	mov	x19, x0
	mov	x20, x8
	adrp	x0, :tlsdesc:_ZN8orderlab3map9handshake9LAST_SLOT29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h3d5bd9e240d309e9E
	ldr	x1, [x0, :tlsdesc_lo12:_ZN8orderlab3map9handshake9LAST_SLOT29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h3d5bd9e240d309e9E]
	add	x0, x0, :tlsdesc_lo12:_ZN8orderlab3map9handshake9LAST_SLOT29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h3d5bd9e240d309e9E
	blr	x1
	mrs	x8, TPIDR_EL0
	ldr	x10, [x19, #24]
	add	x8, x8, x0
	ldr	x9, [x8]
	cmp	x9, x10
	b.ne	.LBB1314_7
	ldr	x21, [x8, #8]
.LBB1314_2:
	ldr	x8, [x21]
	ands	w9, w8, #0xffff
	b.ne	.LBB1314_5
	add	x8, x8, #16, lsl #12
	ldrb	w9, [x19, #32]
	add	x8, x8, #1
	stlr	x8, [x21]
	tbz	w9, #0, .LBB1314_9
	b	.LBB1314_10
.LBB1314_5:
	mov	w10, #65535
	cmp	w9, w10
	b.eq	.LBB1314_13
	add	x8, x8, #1
	stlr	x8, [x21]
	b	.LBB1314_10
.LBB1314_7:
	add	x0, x19, #24
	bl	_ZN8orderlab3map9handshake16Readers$LT$P$GT$17own_slot_uncached17h315c39a3565e6a95E
	mov	x21, x0
	cbnz	x0, .LBB1314_2
	add	x8, x19, #296
	mov	w9, #1
	ldaddal	x9, x8, [x8]
.LBB1314_9:
	dmb	ish
.LBB1314_10:
	ldar	x8, [x19]
	adrp	x3, .Lanon.54c8442534c886141d37e77d66d2c6b9.1521
	add	x3, x3, :lo12:.Lanon.54c8442534c886141d37e77d66d2c6b9.1521
	mov	x0, sp
	mov	x2, x22
	and	x1, x8, #0xffffffffffffff80
	bl	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$4look17h428a61ae0c58bd64E
	ldr	x8, [sp, #32]
	ldrb	w9, [sp, #40]
	ldrb	w10, [sp]
	cmp	x8, #0
	ldrb	w8, [sp, #41]
	eor	x10, x10, #0x1
	cset	w11, eq
	orr	w9, w9, w11
	cmp	w8, #0
	and	x8, x9, #0x1
	csel	x9, xzr, x10, ne
	stp	x8, x9, [x20]
	cbz	x21, .LBB1314_12
	ldr	x8, [x21]
	sub	x8, x8, #1
	stlr	x8, [x21]
	ldp	x20, x19, [sp, #80]
	ldp	x22, x21, [sp, #64]
	ldp	x29, x30, [sp, #48]
	add	sp, sp, #96
	ret
.LBB1314_12:
	add	x8, x19, #296
	mov	x9, #-1
	ldaddl	x9, x8, [x8]
	ldp	x20, x19, [sp, #80]
	ldp	x22, x21, [sp, #64]
	ldp	x29, x30, [sp, #48]
	add	sp, sp, #96
	ret
.LBB1314_13:
	adrp	x0, .Lanon.54c8442534c886141d37e77d66d2c6b9.1530
	add	x0, x0, :lo12:.Lanon.54c8442534c886141d37e77d66d2c6b9.1530
	adrp	x2, .Lanon.54c8442534c886141d37e77d66d2c6b9.1531
	add	x2, x2, :lo12:.Lanon.54c8442534c886141d37e77d66d2c6b9.1531
	mov	w1, #67
	bl	_RNvNtCs6Hz1PecaLG4_4core9panicking9panic_fmt
