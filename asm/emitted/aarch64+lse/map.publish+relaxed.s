# orderlab: emitted asm of map.publish+relaxed for aarch64+lse (rustc --release, codegen-units=1, -C target-feature=+lse)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::map::litmus::publish_writer_relaxed:
	b	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$6insert17hd0cf311b49ba5dddE

orderlab::map::litmus::publish_reader_relaxed:
	sub	sp, sp, #96
	stp	x29, x30, [sp, #48]
	stp	x22, x21, [sp, #64]
	stp	x20, x19, [sp, #80]
	add	x29, sp, #48
	mov	x22, x1
	mov	x19, x0
	mov	x20, x8
	adrp	x0, :tlsdesc:_ZN8orderlab3map9handshake9LAST_SLOT29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17hb51313de3e0b0fcbE
	ldr	x1, [x0, :tlsdesc_lo12:_ZN8orderlab3map9handshake9LAST_SLOT29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17hb51313de3e0b0fcbE]
	add	x0, x0, :tlsdesc_lo12:_ZN8orderlab3map9handshake9LAST_SLOT29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17hb51313de3e0b0fcbE
	blr	x1
	mrs	x8, TPIDR_EL0
	ldr	x10, [x19, #200]
	add	x8, x8, x0
	ldr	x9, [x8]
	cmp	x9, x10
	b.ne	.LBB918_13
	ldr	x21, [x8, #8]
.LBB918_2:
	ldr	x8, [x21]
	ands	w9, w8, #0xffff
	b.ne	.LBB918_4
	add	x8, x8, #16, lsl #12
	add	x8, x8, #1
	str	x8, [x21]
	b	.LBB918_6
.LBB918_4:
	mov	w10, #65535
	cmp	w9, w10
	b.eq	.LBB918_15
	add	x8, x8, #1
	stlr	x8, [x21]
.LBB918_6:
	ldr	x8, [x19, #160]
	mov	x0, sp
	mov	x2, x22
	dmb	ishld
	and	x1, x8, #0xffffffffffffff80
	bl	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$4look17h27e4a314cae8608bE
	ldrb	w8, [sp]
	cmp	w8, #1
	b.ne	.LBB918_9
	ldrb	w8, [sp, #2]
	tbz	w8, #0, .LBB918_11
	mov	w8, #1
	stp	x8, xzr, [x20]
	cbnz	x21, .LBB918_10
	b	.LBB918_12
.LBB918_9:
	mov	w8, #1
	mov	w9, #1
	stp	x8, x9, [x20]
	cbz	x21, .LBB918_12
.LBB918_10:
	ldr	x8, [x21]
	sub	x8, x8, #1
	stlr	x8, [x21]
	ldp	x20, x19, [sp, #80]
	ldp	x22, x21, [sp, #64]
	ldp	x29, x30, [sp, #48]
	add	sp, sp, #96
	ret
.LBB918_11:
	ldrb	w8, [sp, #1]
	stp	x8, x8, [x20]
	cbnz	x21, .LBB918_10
.LBB918_12:
	add	x8, x19, #464
	mov	x9, #-1
	ldaddl	x9, x8, [x8]
	ldp	x20, x19, [sp, #80]
	ldp	x22, x21, [sp, #64]
	ldp	x29, x30, [sp, #48]
	add	sp, sp, #96
	ret
.LBB918_13:
	add	x0, x19, #200
	bl	_ZN8orderlab3map9handshake16Readers$LT$P$GT$17own_slot_uncached17h107312739e7ef17cE
	mov	x21, x0
	cbnz	x0, .LBB918_2
	add	x8, x19, #464
	mov	w9, #1
	ldaddal	x9, x8, [x8]
	dmb	ish
	b	.LBB918_6
.LBB918_15:
	adrp	x0, .Lanon.7591bb04c27cc42d3c90b011d307fe3a.1287
	add	x0, x0, :lo12:.Lanon.7591bb04c27cc42d3c90b011d307fe3a.1287
	adrp	x2, .Lanon.7591bb04c27cc42d3c90b011d307fe3a.1288
	add	x2, x2, :lo12:.Lanon.7591bb04c27cc42d3c90b011d307fe3a.1288
	mov	w1, #67
	bl	_RNvNtCs6Hz1PecaLG4_4core9panicking9panic_fmt
