# orderlab: emitted asm of map.publish+seqcst for aarch64+rcpc (rustc --release, codegen-units=1, -C target-feature=+rcpc)
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
	adrp	x0, :tlsdesc:_ZN8orderlab3map9handshake9READER_ID29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h3b45ba84e336b2a0E
	ldr	x1, [x0, :tlsdesc_lo12:_ZN8orderlab3map9handshake9READER_ID29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h3b45ba84e336b2a0E]
	add	x0, x0, :tlsdesc_lo12:_ZN8orderlab3map9handshake9READER_ID29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h3b45ba84e336b2a0E
	blr	x1
	mrs	x8, TPIDR_EL0
	add	x0, x8, x0
	ldrb	w8, [x0, #8]
	cmp	w8, #1
	b.ne	.LBB915_8
.LBB915_1:
	ldr	x22, [x0]
	cmp	x22, #255
	b.hi	.LBB915_10
	lsr	x8, x22, #3
	add	x9, x19, #200
	add	x8, x9, x8, lsl #3
	ldapr	x0, [x8]
	cbz	x0, .LBB915_9
.LBB915_3:
	and	x8, x22, #0x7
	add	x22, x0, x8, lsl #7
	ldr	x8, [x22, #8]
	cbnz	x8, .LBB915_7
	ldr	x9, [x22]
	adrp	x10, :got:_ZN8orderlab3map4asym7ENABLED17h3191d6838ee17478E
	ldr	x10, [x10, :got_lo12:_ZN8orderlab3map4asym7ENABLED17h3191d6838ee17478E]
	orr	x9, x9, #0x1
	str	x9, [x22]
	ldrb	w9, [x10]
	cbz	w9, .LBB915_6
	b	.LBB915_7
.LBB915_6:
	dmb	ish
.LBB915_7:
	add	x8, x8, #1
	str	x8, [x22, #8]
	b	.LBB915_11
.LBB915_8:
	mov	x1, xzr
	bl	_ZN3std3sys12thread_local6native4lazy20Storage$LT$T$C$D$GT$16get_or_init_slow17h1895e57dc9bf463bE
	cbnz	x0, .LBB915_1
	b	.LBB915_10
.LBB915_9:
	mov	x0, x8
	bl	_ZN8orderlab3map9handshake16Readers$LT$P$GT$13alloc_segment17h3ab9e25380d9788fE
	cbnz	x0, .LBB915_3
.LBB915_10:
	add	x1, x19, #456
	mov	w0, #1
	bl	__aarch64_ldadd8_acq_rel
	mov	x22, xzr
	dmb	ish
.LBB915_11:
	add	x8, x19, #160
	ldapr	x1, [x8]
	mov	x0, sp
	mov	x2, x21
	bl	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$4look17hc2a9597d26ac8c54E
	ldrb	w8, [sp]
	cmp	w8, #1
	b.ne	.LBB915_15
	ldrb	w8, [sp, #2]
	tbz	w8, #0, .LBB915_18
	mov	w8, #1
	stp	x8, xzr, [x20]
	cbnz	x22, .LBB915_16
	b	.LBB915_19
.LBB915_15:
	mov	w8, #1
	mov	w9, #1
	stp	x8, x9, [x20]
	cbz	x22, .LBB915_19
.LBB915_16:
	ldr	x8, [x22, #8]
	subs	x8, x8, #1
	str	x8, [x22, #8]
	b.eq	.LBB915_20
	ldp	x20, x19, [sp, #80]
	ldp	x22, x21, [sp, #64]
	ldp	x29, x30, [sp, #48]
	add	sp, sp, #96
	ret
.LBB915_18:
	ldrb	w8, [sp, #1]
	stp	x8, x8, [x20]
	cbnz	x22, .LBB915_16
.LBB915_19:
	add	x1, x19, #456
	mov	x0, #-1
	bl	__aarch64_ldadd8_rel
	ldp	x20, x19, [sp, #80]
	ldp	x22, x21, [sp, #64]
	ldp	x29, x30, [sp, #48]
	add	sp, sp, #96
	ret
.LBB915_20:
	ldr	x8, [x22]
	add	x8, x8, #1
	stlr	x8, [x22]
	ldp	x20, x19, [sp, #80]
	ldp	x22, x21, [sp, #64]
	ldp	x29, x30, [sp, #48]
	add	sp, sp, #96
	ret
.LBB915_21:
	mov	x20, x0
	cbnz	x22, .LBB915_23
	add	x1, x19, #456
	mov	x0, #-1
	bl	__aarch64_ldadd8_rel
	mov	x0, x20
	bl	_Unwind_Resume
.LBB915_23:
	ldr	x8, [x22, #8]
	subs	x8, x8, #1
	str	x8, [x22, #8]
	b.ne	.LBB915_25
	ldr	x8, [x22]
	add	x8, x8, #1
	stlr	x8, [x22]
.LBB915_25:
	mov	x0, x20
	bl	_Unwind_Resume
