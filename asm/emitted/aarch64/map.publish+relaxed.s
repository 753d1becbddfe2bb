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
	adrp	x0, :tlsdesc:_ZN8orderlab3map9handshake9READER_ID29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h3b45ba84e336b2a0E
	ldr	x1, [x0, :tlsdesc_lo12:_ZN8orderlab3map9handshake9READER_ID29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h3b45ba84e336b2a0E]
	add	x0, x0, :tlsdesc_lo12:_ZN8orderlab3map9handshake9READER_ID29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h3b45ba84e336b2a0E
	blr	x1
	mrs	x8, TPIDR_EL0
	add	x0, x8, x0
	ldrb	w8, [x0, #8]
	cmp	w8, #1
	b.ne	.LBB918_6
.LBB918_1:
	ldr	x22, [x0]
	cmp	x22, #255
	b.hi	.LBB918_8
	lsr	x8, x22, #3
	add	x9, x19, #200
	add	x8, x9, x8, lsl #3
	ldar	x0, [x8]
	cbz	x0, .LBB918_7
.LBB918_3:
	and	x8, x22, #0x7
	add	x22, x0, x8, lsl #7
	ldr	x8, [x22, #8]
	cbnz	x8, .LBB918_5
	ldr	x9, [x22]
	orr	x9, x9, #0x1
	str	x9, [x22]
.LBB918_5:
	add	x8, x8, #1
	str	x8, [x22, #8]
	b	.LBB918_9
.LBB918_6:
	mov	x1, xzr
	bl	_ZN3std3sys12thread_local6native4lazy20Storage$LT$T$C$D$GT$16get_or_init_slow17h1895e57dc9bf463bE
	cbnz	x0, .LBB918_1
	b	.LBB918_8
.LBB918_7:
	mov	x0, x8
	bl	_ZN8orderlab3map9handshake16Readers$LT$P$GT$13alloc_segment17h3ab9e25380d9788fE
	cbnz	x0, .LBB918_3
.LBB918_8:
	add	x1, x19, #456
	mov	w0, #1
	bl	__aarch64_ldadd8_acq_rel
	mov	x22, xzr
	dmb	ish
.LBB918_9:
	ldr	x1, [x19, #160]
	dmb	ishld
	mov	x0, sp
	mov	x2, x21
	bl	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$4look17h18aeca36bcf0adaaE
	ldrb	w8, [sp]
	cmp	w8, #1
	b.ne	.LBB918_13
	ldrb	w8, [sp, #2]
	tbz	w8, #0, .LBB918_16
	mov	w8, #1
	stp	x8, xzr, [x20]
	cbnz	x22, .LBB918_14
	b	.LBB918_17
.LBB918_13:
	mov	w8, #1
	mov	w9, #1
	stp	x8, x9, [x20]
	cbz	x22, .LBB918_17
.LBB918_14:
	ldr	x8, [x22, #8]
	subs	x8, x8, #1
	str	x8, [x22, #8]
	b.eq	.LBB918_18
	ldp	x20, x19, [sp, #80]
	ldp	x22, x21, [sp, #64]
	ldp	x29, x30, [sp, #48]
	add	sp, sp, #96
	ret
.LBB918_16:
	ldrb	w8, [sp, #1]
	stp	x8, x8, [x20]
	cbnz	x22, .LBB918_14
.LBB918_17:
	add	x1, x19, #456
	mov	x0, #-1
	bl	__aarch64_ldadd8_rel
	ldp	x20, x19, [sp, #80]
	ldp	x22, x21, [sp, #64]
	ldp	x29, x30, [sp, #48]
	add	sp, sp, #96
	ret
.LBB918_18:
	ldr	x8, [x22]
	add	x8, x8, #1
	stlr	x8, [x22]
	ldp	x20, x19, [sp, #80]
	ldp	x22, x21, [sp, #64]
	ldp	x29, x30, [sp, #48]
	add	sp, sp, #96
	ret
.LBB918_19:
	mov	x20, x0
	cbnz	x22, .LBB918_21
	add	x1, x19, #456
	mov	x0, #-1
	bl	__aarch64_ldadd8_rel
	mov	x0, x20
	bl	_Unwind_Resume
.LBB918_21:
	ldr	x8, [x22, #8]
	subs	x8, x8, #1
	str	x8, [x22, #8]
	b.ne	.LBB918_23
	ldr	x8, [x22]
	add	x8, x8, #1
	stlr	x8, [x22]
.LBB918_23:
	mov	x0, x20
	bl	_Unwind_Resume
