# orderlab: emitted asm of map.publish+relaxed for aarch64 (rustc --release, codegen-units=1)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::map::litmus::publish_writer_relaxed:
	b	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$6insert17hd0cf311b49ba5dddE

orderlab::map::litmus::publish_reader_relaxed:
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
	cbz	x8, .LBB917_8
	sub	x22, x8, #1
	cmp	x22, #255
	b.hi	.LBB917_11
.LBB917_2:
	lsr	x8, x22, #3
	add	x9, x19, #200
	add	x8, x9, x8, lsl #3
	ldar	x0, [x8]
	cbz	x0, .LBB917_10
.LBB917_3:
	and	x8, x22, #0x7
	add	x22, x0, x8, lsl #7
	ldr	x8, [x22]
	ands	w9, w8, #0xffff
	b.ne	.LBB917_5
	orr	x8, x8, #0x1
	b	.LBB917_7
.LBB917_5:
	mov	w10, #65535
	cmp	w9, w10
	b.eq	.LBB917_21
	add	x8, x8, #1
.LBB917_7:
	str	x8, [x22]
	b	.LBB917_12
.LBB917_8:
	bl	_ZN8orderlab3map9handshake14reader_id_slow17ha45a94fb4eea23ccE
	tbz	w0, #0, .LBB917_11
	mov	x22, x1
	cmp	x1, #255
	b.ls	.LBB917_2
	b	.LBB917_11
.LBB917_10:
	mov	x0, x8
	bl	_ZN8orderlab3map9handshake16Readers$LT$P$GT$13alloc_segment17h46f309740b81fb50E
	cbnz	x0, .LBB917_3
.LBB917_11:
	add	x1, x19, #456
	mov	w0, #1
	bl	__aarch64_ldadd8_acq_rel
	mov	x22, xzr
	dmb	ish
.LBB917_12:
	ldr	x8, [x19, #160]
	mov	x0, sp
	mov	x2, x21
	dmb	ishld
	and	x1, x8, #0xffffffffffffffc0
	bl	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$4look17h27e4a314cae8608bE
	ldrb	w8, [sp]
	cmp	w8, #1
	b.ne	.LBB917_15
	ldrb	w8, [sp, #2]
	tbz	w8, #0, .LBB917_19
	mov	w8, #1
	stp	x8, xzr, [x20]
	cbnz	x22, .LBB917_16
	b	.LBB917_20
.LBB917_15:
	mov	w8, #1
	mov	w9, #1
	stp	x8, x9, [x20]
	cbz	x22, .LBB917_20
.LBB917_16:
	ldr	x8, [x22]
	and	x9, x8, #0xffff
	cmp	x9, #1
	b.ne	.LBB917_18
	and	x8, x8, #0xffffffffffff0000
	add	x8, x8, #16, lsl #12
	stlr	x8, [x22]
	ldp	x20, x19, [sp, #80]
	ldp	x22, x21, [sp, #64]
	ldp	x29, x30, [sp, #48]
	add	sp, sp, #96
	ret
.LBB917_18:
	sub	x8, x8, #1
	str	x8, [x22]
	ldp	x20, x19, [sp, #80]
	ldp	x22, x21, [sp, #64]
	ldp	x29, x30, [sp, #48]
	add	sp, sp, #96
	ret
.LBB917_19:
	ldrb	w8, [sp, #1]
	stp	x8, x8, [x20]
	cbnz	x22, .LBB917_16
.LBB917_20:
	add	x1, x19, #456
	mov	x0, #-1
	bl	__aarch64_ldadd8_rel
	ldp	x20, x19, [sp, #80]
	ldp	x22, x21, [sp, #64]
	ldp	x29, x30, [sp, #48]
	add	sp, sp, #96
	ret
.LBB917_21:
	adrp	x0, .Lanon.f45d903dc896df859235d2fbdf27ee19.1287
	add	x0, x0, :lo12:.Lanon.f45d903dc896df859235d2fbdf27ee19.1287
	adrp	x2, .Lanon.f45d903dc896df859235d2fbdf27ee19.1288
	add	x2, x2, :lo12:.Lanon.f45d903dc896df859235d2fbdf27ee19.1288
	mov	w1, #67
	bl	_RNvNtCs6Hz1PecaLG4_4core9panicking9panic_fmt
