# orderlab: emitted asm of map.handshake+acqrel for aarch64+rcpc (rustc --release, codegen-units=1, -C target-feature=+rcpc)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::map::lab::handshake_writer_acqrel:
	stp	x29, x30, [sp, #-64]!
	stp	x24, x23, [sp, #16]
	stp	x22, x21, [sp, #32]
	stp	x20, x19, [sp, #48]
	mov	x29, sp
	mov	x21, x1
	mov	x19, x0
	mov	w20, #200
.LBB1327_1:
	add	x2, x19, #384
	mov	w0, wzr
	mov	w1, #1
	bl	__aarch64_cas4_acq
	cbz	w0, .LBB1327_4
	isb
	subs	x20, x20, #1
	b.ne	.LBB1327_1
	add	x2, x19, #384
	mov	w0, wzr
	mov	w1, #1
	bl	__aarch64_cas4_acq
	cmp	w0, #0
	b.ne	.LBB1327_14
.LBB1327_4:
	adrp	x8, :got:_RNvNtNtCshxTglP3SOjd_3std9panicking11panic_count18GLOBAL_PANIC_COUNT
	ldr	x8, [x8, :got_lo12:_RNvNtNtCshxTglP3SOjd_3std9panicking11panic_count18GLOBAL_PANIC_COUNT]
	ldr	x8, [x8]
	tst	x8, #0x7fffffffffffffff
	b.ne	.LBB1327_15
.LBB1327_5:
	mov	w20, wzr
.LBB1327_6:
	ldrb	wzr, [x19, #388]
	ldr	x8, [x19]
	adrp	x22, :got:_ZN8orderlab3map9handshake13poison_header17h7e6d60aac120dfe3E
	ldrb	w9, [x21, #1]
	ldr	x10, [x21, #8]
	cmp	x10, #0
	mov	w10, #64
	orr	x9, x9, x21
	csel	x10, xzr, x10, eq
	and	x21, x8, #0xffffffffffffff80
	orr	x9, x10, x9
	stlr	x9, [x19]
	ldr	x24, [x21, #8]
	ldr	x22, [x22, :got_lo12:_ZN8orderlab3map9handshake13poison_header17h7e6d60aac120dfe3E]
	cbz	x24, .LBB1327_10
	ldr	x23, [x19, #408]
	ldr	x8, [x19, #392]
	cmp	x23, x8
	b.ne	.LBB1327_9
	add	x0, x19, #392
	bl	_ZN5alloc7raw_vec19RawVec$LT$T$C$A$GT$8grow_one17h0fd07bb0c15ce87dE
.LBB1327_9:
	mov	w8, #24
	ldr	x9, [x19, #400]
	madd	x8, x23, x8, x9
	adrp	x9, _ZN8orderlab3map5table22free_table_unevacuated17hc78907268e0bb45cE
	add	x9, x9, :lo12:_ZN8orderlab3map5table22free_table_unevacuated17hc78907268e0bb45cE
	add	x23, x23, #1
	str	x23, [x19, #408]
	stp	x9, x22, [x8]
	str	x24, [x8, #16]
	ldr	x8, [x19, #392]
	cmp	x23, x8
	b.eq	.LBB1327_11
	b	.LBB1327_12
.LBB1327_10:
	ldr	x23, [x19, #408]
	ldr	x8, [x19, #392]
	cmp	x23, x8
	b.ne	.LBB1327_12
.LBB1327_11:
	add	x0, x19, #392
	bl	_ZN5alloc7raw_vec19RawVec$LT$T$C$A$GT$8grow_one17h0fd07bb0c15ce87dE
.LBB1327_12:
	mov	w8, #24
	ldr	x9, [x19, #400]
	movi	v0.2d, #0000000000000000
	madd	x8, x23, x8, x9
	add	x9, x23, #1
	str	x9, [x19, #408]
	adrp	x9, _ZN8orderlab3map5table15free_table_deep17h4ef16014a84c5b9cE
	add	x9, x9, :lo12:_ZN8orderlab3map5table15free_table_deep17h4ef16014a84c5b9cE
	stp	x9, x22, [x8]
	str	x21, [x8, #16]
	stp	q0, q0, [x19, #496]
	str	xzr, [x19, #536]
	add	x0, x19, #392
	add	x1, x19, #24
	bl	_ZN8orderlab3map9handshake7Retirer4seal17hef774291b2f635faE
	mov	w21, w0
	add	x0, x19, #384
	mov	w1, w20
	bl	_ZN8orderlab3map10concurrent5write79_$LT$impl$u20$orderlab..map..concurrent..ConcurrentMap$LT$K$C$V$C$S$C$P$GT$$GT$6unlock17h040c712660418d4aE
	mov	w0, w21
	ldp	x20, x19, [sp, #48]
	ldp	x22, x21, [sp, #32]
	ldp	x24, x23, [sp, #16]
	ldp	x29, x30, [sp], #64
	ret
.LBB1327_14:
	add	x0, x19, #384
	bl	_RNvMNtNtNtNtCshxTglP3SOjd_3std3sys4sync5mutex5futexNtB2_5Mutex14lock_contended
	adrp	x8, :got:_RNvNtNtCshxTglP3SOjd_3std9panicking11panic_count18GLOBAL_PANIC_COUNT
	ldr	x8, [x8, :got_lo12:_RNvNtNtCshxTglP3SOjd_3std9panicking11panic_count18GLOBAL_PANIC_COUNT]
	ldr	x8, [x8]
	tst	x8, #0x7fffffffffffffff
	b.eq	.LBB1327_5
.LBB1327_15:
	bl	_RNvNtNtCshxTglP3SOjd_3std9panicking11panic_count17is_zero_slow_path
	eor	w20, w0, #0x1
	b	.LBB1327_6
.LBB1327_16:
	mov	x21, x0
	add	x0, x19, #384
	mov	w1, w20
	bl	_ZN4core3ptr118drop_in_place$LT$std..sync..poison..mutex..MutexGuard$LT$std..collections..hash..map..HashMap$LT$u64$C$u64$GT$$GT$$GT$17h62b52cf491ea5fa4E
	mov	x0, x21
	bl	_Unwind_Resume
.LBB1327_18:
	bl	_RNvNtCs6Hz1PecaLG4_4core9panicking16panic_in_cleanup

orderlab::map::lab::handshake_reader_acqrel:
	stp	x29, x30, [sp, #-32]!
	stp	x20, x19, [sp, #16]
	mov	x29, sp
	mov	x19, x1
	mov	x20, x0
	adrp	x0, :tlsdesc:_ZN8orderlab3map9handshake9LAST_SLOT29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h3d5bd9e240d309e9E
	ldr	x1, [x0, :tlsdesc_lo12:_ZN8orderlab3map9handshake9LAST_SLOT29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h3d5bd9e240d309e9E]
	add	x0, x0, :tlsdesc_lo12:_ZN8orderlab3map9handshake9LAST_SLOT29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h3d5bd9e240d309e9E
	blr	x1
	mrs	x8, TPIDR_EL0
	ldr	x10, [x20, #24]
	add	x8, x8, x0
	ldr	x9, [x8]
	cmp	x9, x10
	b.ne	.LBB1325_7
	ldr	x0, [x8, #8]
.LBB1325_2:
	ldr	x8, [x0]
	ands	w9, w8, #0xffff
	b.ne	.LBB1325_4
	add	x8, x8, #16, lsl #12
	b	.LBB1325_5
.LBB1325_4:
	mov	w10, #65535
	cmp	w9, w10
	b.eq	.LBB1325_9
.LBB1325_5:
	add	x8, x8, #1
	stlr	x8, [x0]
.LBB1325_6:
	ldapr	x8, [x20]
	and	x8, x8, #0xffffffffffffff80
	cmp	x8, x19
	cset	w0, ne
	ldp	x20, x19, [sp, #16]
	ldp	x29, x30, [sp], #32
	ret
.LBB1325_7:
	add	x0, x20, #24
	bl	_ZN8orderlab3map9handshake16Readers$LT$P$GT$17own_slot_uncached17h315c39a3565e6a95E
	cbnz	x0, .LBB1325_2
	add	x1, x20, #296
	mov	w0, #1
	bl	__aarch64_ldadd8_acq_rel
	dmb	ish
	b	.LBB1325_6
.LBB1325_9:
	adrp	x0, .Lanon.54c8442534c886141d37e77d66d2c6b9.1530
	add	x0, x0, :lo12:.Lanon.54c8442534c886141d37e77d66d2c6b9.1530
	adrp	x2, .Lanon.54c8442534c886141d37e77d66d2c6b9.1531
	add	x2, x2, :lo12:.Lanon.54c8442534c886141d37e77d66d2c6b9.1531
	mov	w1, #67
	bl	_RNvNtCs6Hz1PecaLG4_4core9panicking9panic_fmt
