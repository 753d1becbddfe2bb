# orderlab: emitted asm of map.publish+acqrel for aarch64+lse (rustc --release, codegen-units=1, -C target-feature=+lse)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::map::litmus::publish_writer_acqrel:
	b	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$6insert17h5e98165470c1128eE

orderlab::map::litmus::publish_reader_acqrel:
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
	cbz	x8, .LBB913_7
	sub	x22, x8, #1
	cmp	x22, #255
	b.hi	.LBB913_10
.LBB913_2:
	lsr	x8, x22, #3
	add	x9, x19, #200
	add	x8, x9, x8, lsl #3
	ldar	x0, [x8]
	cbz	x0, .LBB913_9
.LBB913_3:
	and	x8, x22, #0x7
	add	x22, x0, x8, lsl #7
	ldr	x8, [x22]
	ands	w9, w8, #0xffff
	b.ne	.LBB913_5
	orr	x8, x8, #0x1
	stlr	x8, [x22]
	b	.LBB913_11
.LBB913_5:
	mov	w10, #65535
	cmp	w9, w10
	b.eq	.LBB913_20
	add	x8, x8, #1
	str	x8, [x22]
	b	.LBB913_11
.LBB913_7:
	bl	_ZN8orderlab3map9handshake14reader_id_slow17ha45a94fb4eea23ccE
	tbz	w0, #0, .LBB913_10
	mov	x22, x1
	cmp	x1, #255
	b.ls	.LBB913_2
	b	.LBB913_10
.LBB913_9:
	mov	x0, x8
	bl	_ZN8orderlab3map9handshake16Readers$LT$P$GT$13alloc_segment17h46f309740b81fb50E
	cbnz	x0, .LBB913_3
.LBB913_10:
	add	x8, x19, #456
	mov	w9, #1
	mov	x22, xzr
	ldaddal	x9, x8, [x8]
	dmb	ish
.LBB913_11:
	add	x8, x19, #160
	mov	x0, sp
	mov	x2, x21
	ldar	x8, [x8]
	and	x1, x8, #0xffffffffffffffc0
	bl	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$4look17h1c09c0ffd060cd6aE
	ldrb	w8, [sp]
	cmp	w8, #1
	b.ne	.LBB913_14
	ldrb	w8, [sp, #2]
	tbz	w8, #0, .LBB913_18
	mov	w8, #1
	stp	x8, xzr, [x20]
	cbnz	x22, .LBB913_15
	b	.LBB913_19
.LBB913_14:
	mov	w8, #1
	mov	w9, #1
	stp	x8, x9, [x20]
	cbz	x22, .LBB913_19
.LBB913_15:
	ldr	x8, [x22]
	and	x9, x8, #0xffff
	cmp	x9, #1
	b.ne	.LBB913_17
	and	x8, x8, #0xffffffffffff0000
	add	x8, x8, #16, lsl #12
	stlr	x8, [x22]
	ldp	x20, x19, [sp, #80]
	ldp	x22, x21, [sp, #64]
	ldp	x29, x30, [sp, #48]
	add	sp, sp, #96
	ret
.LBB913_17:
	sub	x8, x8, #1
	str	x8, [x22]
	ldp	x20, x19, [sp, #80]
	ldp	x22, x21, [sp, #64]
	ldp	x29, x30, [sp, #48]
	add	sp, sp, #96
	ret
.LBB913_18:
	ldrb	w8, [sp, #1]
	stp	x8, x8, [x20]
	cbnz	x22, .LBB913_15
.LBB913_19:
	add	x8, x19, #456
	mov	x9, #-1
	ldaddl	x9, x8, [x8]
	ldp	x20, x19, [sp, #80]
	ldp	x22, x21, [sp, #64]
	ldp	x29, x30, [sp, #48]
	add	sp, sp, #96
	ret
.LBB913_20:
	adrp	x0, .Lanon.f45d903dc896df859235d2fbdf27ee19.1287
	add	x0, x0, :lo12:.Lanon.f45d903dc896df859235d2fbdf27ee19.1287
	adrp	x2, .Lanon.f45d903dc896df859235d2fbdf27ee19.1288
	add	x2, x2, :lo12:.Lanon.f45d903dc896df859235d2fbdf27ee19.1288
	mov	w1, #67
	bl	_RNvNtCs6Hz1PecaLG4_4core9panicking9panic_fmt
