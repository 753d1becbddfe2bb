# orderlab: emitted asm of map.grow+acqrel for aarch64+lse (rustc --release, codegen-units=1, -C target-feature=+lse)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::map::litmus::grow_writer_acqrel:
	stp	x29, x30, [sp, #-64]!
	str	x23, [sp, #16]
	stp	x22, x21, [sp, #32]
	stp	x20, x19, [sp, #48]
	mov	x29, sp
	mov	x20, x1
	mov	x19, x0
	mov	w8, #200
	mov	w9, #1
.LBB910_1:
	mov	w10, wzr
	casa	w10, w9, [x19]
	cbz	w10, .LBB910_4
	isb
	subs	x8, x8, #1
	b.ne	.LBB910_1
	mov	w9, #1
	casa	w8, w9, [x19]
	cmp	w8, #0
	b.ne	.LBB910_10
.LBB910_4:
	adrp	x8, :got:_RNvNtNtCshxTglP3SOjd_3std9panicking11panic_count18GLOBAL_PANIC_COUNT
	ldr	x8, [x8, :got_lo12:_RNvNtNtCshxTglP3SOjd_3std9panicking11panic_count18GLOBAL_PANIC_COUNT]
	ldr	x8, [x8]
	tst	x8, #0x7fffffffffffffff
	b.ne	.LBB910_11
.LBB910_5:
	mov	w21, wzr
	ldrb	wzr, [x19, #4]
	ldr	x8, [x19, #160]
	and	x22, x8, #0xffffffffffffff80
	ldr	x23, [x22, #8]
	cbz	x23, .LBB910_9
.LBB910_6:
	ldrb	w8, [x23, #1]
	mov	x9, #-1
	lsl	x8, x9, x8
	add	x1, x19, #8
	bic	x4, x20, x8
	mov	x0, x19
	mov	x2, x22
	mov	x3, x23
	bl	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$8evacuate17hc19fd4bea370e6a1E
	ldr	x8, [x22, #8]
	cbz	x8, .LBB910_9
	ldr	x4, [x19, #136]
	add	x1, x19, #8
	mov	x0, x19
	mov	x2, x22
	mov	x3, x23
	bl	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$8evacuate17hc19fd4bea370e6a1E
.LBB910_9:
	mov	x0, x19
	mov	w1, w21
	ldp	x20, x19, [sp, #48]
	ldr	x23, [sp, #16]
	ldp	x22, x21, [sp, #32]
	ldp	x29, x30, [sp], #64
	b	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$6unlock17h753766296003ec4cE
.LBB910_10:
	mov	x0, x19
	bl	_RNvMNtNtNtNtCshxTglP3SOjd_3std3sys4sync5mutex5futexNtB2_5Mutex14lock_contended
	adrp	x8, :got:_RNvNtNtCshxTglP3SOjd_3std9panicking11panic_count18GLOBAL_PANIC_COUNT
	ldr	x8, [x8, :got_lo12:_RNvNtNtCshxTglP3SOjd_3std9panicking11panic_count18GLOBAL_PANIC_COUNT]
	ldr	x8, [x8]
	tst	x8, #0x7fffffffffffffff
	b.eq	.LBB910_5
.LBB910_11:
	bl	_RNvNtNtCshxTglP3SOjd_3std9panicking11panic_count17is_zero_slow_path
	eor	w21, w0, #0x1
	ldrb	wzr, [x19, #4]
	ldr	x8, [x19, #160]
	and	x22, x8, #0xffffffffffffff80
	ldr	x23, [x22, #8]
	cbnz	x23, .LBB910_6
	b	.LBB910_9
.LBB910_12:
	mov	x20, x0
	mov	x0, x19
	mov	w1, w21
	bl	_ZN4core3ptr91drop_in_place$LT$std..sync..poison..mutex..MutexGuard$LT$indicatif..state..BarState$GT$$GT$17hd6e853e3f342a120E
	mov	x0, x20
	bl	_Unwind_Resume
.LBB910_14:
	bl	_RNvNtCs6Hz1PecaLG4_4core9panicking16panic_in_cleanup

orderlab::map::litmus::grow_reader_acqrel:
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
	b.ne	.LBB908_9
	ldr	x21, [x8, #8]
.LBB908_2:
	ldr	x8, [x21]
	ands	w9, w8, #0xffff
	b.ne	.LBB908_4
	add	x8, x8, #16, lsl #12
	b	.LBB908_5
.LBB908_4:
	mov	w10, #65535
	cmp	w9, w10
	b.eq	.LBB908_11
.LBB908_5:
	add	x8, x8, #1
	stlr	x8, [x21]
.LBB908_6:
	add	x8, x19, #160
	mov	x0, sp
	mov	x2, x22
	ldar	x8, [x8]
	and	x1, x8, #0xffffffffffffff80
	bl	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$4look17h1c09c0ffd060cd6aE
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
	cbz	x21, .LBB908_8
	ldr	x8, [x21]
	sub	x8, x8, #1
	stlr	x8, [x21]
	ldp	x20, x19, [sp, #80]
	ldp	x22, x21, [sp, #64]
	ldp	x29, x30, [sp, #48]
	add	sp, sp, #96
	ret
.LBB908_8:
	add	x8, x19, #464
	mov	x9, #-1
	ldaddl	x9, x8, [x8]
	ldp	x20, x19, [sp, #80]
	ldp	x22, x21, [sp, #64]
	ldp	x29, x30, [sp, #48]
	add	sp, sp, #96
	ret
.LBB908_9:
	add	x0, x19, #200
	bl	_ZN8orderlab3map9handshake16Readers$LT$P$GT$17own_slot_uncached17h107312739e7ef17cE
	mov	x21, x0
	cbnz	x0, .LBB908_2
	add	x8, x19, #464
	mov	w9, #1
	ldaddal	x9, x8, [x8]
	dmb	ish
	b	.LBB908_6
.LBB908_11:
	adrp	x0, .Lanon.7591bb04c27cc42d3c90b011d307fe3a.1287
	add	x0, x0, :lo12:.Lanon.7591bb04c27cc42d3c90b011d307fe3a.1287
	adrp	x2, .Lanon.7591bb04c27cc42d3c90b011d307fe3a.1288
	add	x2, x2, :lo12:.Lanon.7591bb04c27cc42d3c90b011d307fe3a.1288
	mov	w1, #67
	bl	_RNvNtCs6Hz1PecaLG4_4core9panicking9panic_fmt
