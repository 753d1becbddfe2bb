# orderlab: emitted asm of map.publish+seqcst for aarch64+lse (rustc --release, codegen-units=1, -C target-feature=+lse)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::map::litmus::publish_writer_seqcst:
	b	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$6insert17h54914ae7e00009f8E

orderlab::map::litmus::publish_reader_seqcst:
	sub	sp, sp, #96
	stp	x29, x30, [sp, #48]
	stp	x22, x21, [sp, #64]
	stp	x20, x19, [sp, #80]
	add	x29, sp, #48
	mov	x21, x1
	mov	x19, x0
	mov	x20, x8
	adrp	x0, :tlsdesc:_ZN8orderlab3map9handshake9CACHED_ID29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h2072b8a836a33a92E
	ldr	x1, [x0, :tlsdesc_lo12:_ZN8orderlab3map9handshake9CACHED_ID29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h2072b8a836a33a92E]
	add	x0, x0, :tlsdesc_lo12:_ZN8orderlab3map9handshake9CACHED_ID29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h2072b8a836a33a92E
	blr	x1
	mrs	x8, TPIDR_EL0
	ldr	x8, [x8, x0]
	cbz	x8, .LBB914_8
	sub	x22, x8, #1
	cmp	x22, #255
	b.hi	.LBB914_11
.LBB914_2:
	lsr	x8, x22, #3
	add	x9, x19, #200
	add	x8, x9, x8, lsl #3
	ldar	x0, [x8]
	cbz	x0, .LBB914_10
.LBB914_3:
	and	x8, x22, #0x7
	add	x22, x0, x8, lsl #7
	ldr	x8, [x22]
	ands	w9, w8, #0xffff
	b.ne	.LBB914_6
	adrp	x9, :got:_ZN8orderlab3map4asym7ENABLED17h3191d6838ee17478E
	orr	x8, x8, #0x1
	ldr	x9, [x9, :got_lo12:_ZN8orderlab3map4asym7ENABLED17h3191d6838ee17478E]
	stlr	x8, [x22]
	ldrb	w8, [x9]
	cbz	w8, .LBB914_12
	b	.LBB914_13
.LBB914_6:
	mov	w10, #65535
	cmp	w9, w10
	b.eq	.LBB914_22
	add	x8, x8, #1
	str	x8, [x22]
	b	.LBB914_13
.LBB914_8:
	bl	_ZN8orderlab3map9handshake14reader_id_slow17ha45a94fb4eea23ccE
	tbz	w0, #0, .LBB914_11
	mov	x22, x1
	cmp	x1, #255
	b.ls	.LBB914_2
	b	.LBB914_11
.LBB914_10:
	mov	x0, x8
	bl	_ZN8orderlab3map9handshake16Readers$LT$P$GT$13alloc_segment17h46f309740b81fb50E
	cbnz	x0, .LBB914_3
.LBB914_11:
	add	x8, x19, #456
	mov	w9, #1
	mov	x22, xzr
	ldaddal	x9, x8, [x8]
.LBB914_12:
	dmb	ish
.LBB914_13:
	add	x8, x19, #160
	mov	x0, sp
	mov	x2, x21
	ldar	x8, [x8]
	and	x1, x8, #0xffffffffffffffc0
	bl	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$4look17hfebe784668bf0f07E
	ldrb	w8, [sp]
	cmp	w8, #1
	b.ne	.LBB914_16
	ldrb	w8, [sp, #2]
	tbz	w8, #0, .LBB914_20
	mov	w8, #1
	stp	x8, xzr, [x20]
	cbnz	x22, .LBB914_17
	b	.LBB914_21
.LBB914_16:
	mov	w8, #1
	mov	w9, #1
	stp	x8, x9, [x20]
	cbz	x22, .LBB914_21
.LBB914_17:
	ldr	x8, [x22]
	and	x9, x8, #0xffff
	cmp	x9, #1
	b.ne	.LBB914_19
	and	x8, x8, #0xffffffffffff0000
	add	x8, x8, #16, lsl #12
	stlr	x8, [x22]
	ldp	x20, x19, [sp, #80]
	ldp	x22, x21, [sp, #64]
	ldp	x29, x30, [sp, #48]
	add	sp, sp, #96
	ret
.LBB914_19:
	sub	x8, x8, #1
	str	x8, [x22]
	ldp	x20, x19, [sp, #80]
	ldp	x22, x21, [sp, #64]
	ldp	x29, x30, [sp, #48]
	add	sp, sp, #96
	ret
.LBB914_20:
	ldrb	w8, [sp, #1]
	stp	x8, x8, [x20]
	cbnz	x22, .LBB914_17
.LBB914_21:
	add	x8, x19, #456
	mov	x9, #-1
	ldaddl	x9, x8, [x8]
	ldp	x20, x19, [sp, #80]
	ldp	x22, x21, [sp, #64]
	ldp	x29, x30, [sp, #48]
	add	sp, sp, #96
	ret
.LBB914_22:
	adrp	x0, .Lanon.f45d903dc896df859235d2fbdf27ee19.1287
	add	x0, x0, :lo12:.Lanon.f45d903dc896df859235d2fbdf27ee19.1287
	adrp	x2, .Lanon.f45d903dc896df859235d2fbdf27ee19.1288
	add	x2, x2, :lo12:.Lanon.f45d903dc896df859235d2fbdf27ee19.1288
	mov	w1, #67
	bl	_RNvNtCs6Hz1PecaLG4_4core9panicking9panic_fmt
