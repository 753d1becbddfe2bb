# orderlab: emitted asm of map.handshake+seqcst for aarch64+rcpc (rustc --release, codegen-units=1, -C target-feature=+rcpc)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::map::litmus::handshake_writer_seqcst:
	stp	x29, x30, [sp, #-64]!
	stp	x24, x23, [sp, #16]
	stp	x22, x21, [sp, #32]
	stp	x20, x19, [sp, #48]
	mov	x29, sp
	mov	x21, x1
	mov	x19, x0
	mov	w20, #200
.LBB923_1:
	mov	w0, wzr
	mov	w1, #1
	mov	x2, x19
	bl	__aarch64_cas4_acq
	cbz	w0, .LBB923_4
	isb
	subs	x20, x20, #1
	b.ne	.LBB923_1
	mov	w0, wzr
	mov	w1, #1
	mov	x2, x19
	bl	__aarch64_cas4_acq
	cmp	w0, #0
	b.ne	.LBB923_14
.LBB923_4:
	adrp	x8, :got:_RNvNtNtCshxTglP3SOjd_3std9panicking11panic_count18GLOBAL_PANIC_COUNT
	ldr	x8, [x8, :got_lo12:_RNvNtNtCshxTglP3SOjd_3std9panicking11panic_count18GLOBAL_PANIC_COUNT]
	ldr	x8, [x8]
	tst	x8, #0x7fffffffffffffff
	b.ne	.LBB923_15
.LBB923_5:
	mov	w20, wzr
.LBB923_6:
	ldrb	wzr, [x19, #4]
	ldr	x8, [x19, #160]
	add	x11, x19, #160
	ldrb	w9, [x21, #1]
	ldr	x10, [x21, #8]
	adrp	x22, :got:_ZN8orderlab3map9handshake13poison_header17h871ee19d0c882796E
	cmp	x10, #0
	mov	w10, #64
	orr	x9, x9, x21
	csel	x10, xzr, x10, eq
	and	x21, x8, #0xffffffffffffff80
	orr	x9, x10, x9
	stlr	x9, [x11]
	ldr	x24, [x21, #8]
	ldr	x22, [x22, :got_lo12:_ZN8orderlab3map9handshake13poison_header17h871ee19d0c882796E]
	cbz	x24, .LBB923_10
	ldr	x23, [x19, #24]
	ldr	x8, [x19, #8]
	cmp	x23, x8
	b.ne	.LBB923_9
	add	x0, x19, #8
	bl	_ZN5alloc7raw_vec19RawVec$LT$T$C$A$GT$8grow_one17h22afbd03a83f832eE
.LBB923_9:
	mov	w8, #24
	ldr	x9, [x19, #16]
	madd	x8, x23, x8, x9
	adrp	x9, _ZN8orderlab3map5table22free_table_unevacuated17h79e9b09a4af9c051E
	add	x9, x9, :lo12:_ZN8orderlab3map5table22free_table_unevacuated17h79e9b09a4af9c051E
	add	x23, x23, #1
	str	x23, [x19, #24]
	stp	x9, x22, [x8]
	str	x24, [x8, #16]
	ldr	x8, [x19, #8]
	cmp	x23, x8
	b.eq	.LBB923_11
	b	.LBB923_12
.LBB923_10:
	ldr	x23, [x19, #24]
	ldr	x8, [x19, #8]
	cmp	x23, x8
	b.ne	.LBB923_12
.LBB923_11:
	add	x0, x19, #8
	bl	_ZN5alloc7raw_vec19RawVec$LT$T$C$A$GT$8grow_one17h22afbd03a83f832eE
.LBB923_12:
	mov	w8, #24
	ldr	x9, [x19, #16]
	movi	v0.2d, #0000000000000000
	madd	x8, x23, x8, x9
	add	x9, x23, #1
	str	x9, [x19, #24]
	adrp	x9, _ZN8orderlab3map5table15free_table_deep17h464ac5c8a841e9faE
	add	x9, x9, :lo12:_ZN8orderlab3map5table15free_table_deep17h464ac5c8a841e9faE
	stp	x9, x22, [x8]
	str	x21, [x8, #16]
	stp	q0, q0, [x19, #112]
	str	xzr, [x19, #168]
	add	x0, x19, #8
	add	x1, x19, #200
	bl	_ZN8orderlab3map9handshake7Retirer4seal17h375d31fa9c5e3ca8E
	mov	w21, w0
	mov	x0, x19
	mov	w1, w20
	bl	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$6unlock17h753766296003ec4cE
	mov	w0, w21
	ldp	x20, x19, [sp, #48]
	ldp	x22, x21, [sp, #32]
	ldp	x24, x23, [sp, #16]
	ldp	x29, x30, [sp], #64
	ret
.LBB923_14:
	mov	x0, x19
	bl	_RNvMNtNtNtNtCshxTglP3SOjd_3std3sys4sync5mutex5futexNtB2_5Mutex14lock_contended
	adrp	x8, :got:_RNvNtNtCshxTglP3SOjd_3std9panicking11panic_count18GLOBAL_PANIC_COUNT
	ldr	x8, [x8, :got_lo12:_RNvNtNtCshxTglP3SOjd_3std9panicking11panic_count18GLOBAL_PANIC_COUNT]
	ldr	x8, [x8]
	tst	x8, #0x7fffffffffffffff
	b.eq	.LBB923_5
.LBB923_15:
	bl	_RNvNtNtCshxTglP3SOjd_3std9panicking11panic_count17is_zero_slow_path
	eor	w20, w0, #0x1
	b	.LBB923_6
.LBB923_16:
	mov	x21, x0
	mov	x0, x19
	mov	w1, w20
	bl	_ZN4core3ptr91drop_in_place$LT$std..sync..poison..mutex..MutexGuard$LT$indicatif..state..BarState$GT$$GT$17hd6e853e3f342a120E
	mov	x0, x21
	bl	_Unwind_Resume
.LBB923_18:
	bl	_RNvNtCs6Hz1PecaLG4_4core9panicking16panic_in_cleanup

orderlab::map::litmus::handshake_reader_seqcst:
	stp	x29, x30, [sp, #-32]!
	stp	x20, x19, [sp, #16]
	mov	x29, sp
	mov	x19, x1
	mov	x20, x0
	adrp	x0, :tlsdesc:_ZN8orderlab3map9handshake9LAST_SLOT29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17hb51313de3e0b0fcbE
	ldr	x1, [x0, :tlsdesc_lo12:_ZN8orderlab3map9handshake9LAST_SLOT29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17hb51313de3e0b0fcbE]
	add	x0, x0, :tlsdesc_lo12:_ZN8orderlab3map9handshake9LAST_SLOT29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17hb51313de3e0b0fcbE
	blr	x1
	mrs	x8, TPIDR_EL0
	ldr	x10, [x20, #200]
	add	x8, x8, x0
	ldr	x9, [x8]
	cmp	x9, x10
	b.ne	.LBB921_7
	ldr	x0, [x8, #8]
.LBB921_2:
	ldr	x8, [x0]
	ands	w9, w8, #0xffff
	b.ne	.LBB921_5
	add	x8, x8, #16, lsl #12
	ldrb	w9, [x20, #472]
	add	x8, x8, #1
	stlr	x8, [x0]
	tbz	w9, #0, .LBB921_9
	b	.LBB921_10
.LBB921_5:
	mov	w10, #65535
	cmp	w9, w10
	b.eq	.LBB921_11
	add	x8, x8, #1
	stlr	x8, [x0]
	b	.LBB921_10
.LBB921_7:
	add	x0, x20, #200
	bl	_ZN8orderlab3map9handshake16Readers$LT$P$GT$17own_slot_uncached17h107312739e7ef17cE
	cbnz	x0, .LBB921_2
	add	x1, x20, #464
	mov	w0, #1
	bl	__aarch64_ldadd8_acq_rel
.LBB921_9:
	dmb	ish
.LBB921_10:
	add	x8, x20, #160
	ldapr	x8, [x8]
	and	x8, x8, #0xffffffffffffff80
	cmp	x8, x19
	cset	w0, ne
	ldp	x20, x19, [sp, #16]
	ldp	x29, x30, [sp], #32
	ret
.LBB921_11:
	adrp	x0, .Lanon.7591bb04c27cc42d3c90b011d307fe3a.1287
	add	x0, x0, :lo12:.Lanon.7591bb04c27cc42d3c90b011d307fe3a.1287
	adrp	x2, .Lanon.7591bb04c27cc42d3c90b011d307fe3a.1288
	add	x2, x2, :lo12:.Lanon.7591bb04c27cc42d3c90b011d307fe3a.1288
	mov	w1, #67
	bl	_RNvNtCs6Hz1PecaLG4_4core9panicking9panic_fmt
