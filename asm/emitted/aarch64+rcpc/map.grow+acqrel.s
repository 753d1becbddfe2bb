# orderlab: emitted asm of map.grow+acqrel for aarch64+rcpc (rustc --release, codegen-units=1, -C target-feature=+rcpc)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::map::lab::grow_writer_acqrel:
	stp	x29, x30, [sp, #-64]!
	str	x23, [sp, #16]
	stp	x22, x21, [sp, #32]
	stp	x20, x19, [sp, #48]
	mov	x29, sp
	mov	x20, x1
	mov	x19, x0
	mov	w21, #200
.LBB1315_1:
	add	x2, x19, #384
	mov	w0, wzr
	mov	w1, #1
	bl	__aarch64_cas4_acq
	cbz	w0, .LBB1315_4
	isb
	subs	x21, x21, #1
	b.ne	.LBB1315_1
	add	x2, x19, #384
	mov	w0, wzr
	mov	w1, #1
	bl	__aarch64_cas4_acq
	cmp	w0, #0
	b.ne	.LBB1315_10
.LBB1315_4:
	adrp	x8, :got:_RNvNtNtCshxTglP3SOjd_3std9panicking11panic_count18GLOBAL_PANIC_COUNT
	ldr	x8, [x8, :got_lo12:_RNvNtNtCshxTglP3SOjd_3std9panicking11panic_count18GLOBAL_PANIC_COUNT]
	ldr	x8, [x8]
	tst	x8, #0x7fffffffffffffff
	b.ne	.LBB1315_11
.LBB1315_5:
	mov	w21, wzr
	ldrb	wzr, [x19, #388]
	ldr	x8, [x19]
	and	x22, x8, #0xffffffffffffff80
	ldr	x23, [x22, #8]
	cbz	x23, .LBB1315_9
.LBB1315_6:
	ldrb	w8, [x23, #1]
	mov	x9, #-1
	lsl	x8, x9, x8
	add	x1, x19, #392
	bic	x4, x20, x8
	mov	x0, x19
	mov	x2, x22
	mov	x3, x23
	bl	_ZN8orderlab3map10concurrent4grow79_$LT$impl$u20$orderlab..map..concurrent..ConcurrentMap$LT$K$C$V$C$S$C$P$GT$$GT$8evacuate17h8f393572f44d12e0E
	ldr	x8, [x22, #8]
	cbz	x8, .LBB1315_9
	ldr	x4, [x19, #520]
	add	x1, x19, #392
	mov	x0, x19
	mov	x2, x22
	mov	x3, x23
	bl	_ZN8orderlab3map10concurrent4grow79_$LT$impl$u20$orderlab..map..concurrent..ConcurrentMap$LT$K$C$V$C$S$C$P$GT$$GT$8evacuate17h8f393572f44d12e0E
.LBB1315_9:
	add	x0, x19, #384
	mov	w1, w21
	ldp	x20, x19, [sp, #48]
	ldr	x23, [sp, #16]
	ldp	x22, x21, [sp, #32]
	ldp	x29, x30, [sp], #64
	b	_ZN8orderlab3map10concurrent5write79_$LT$impl$u20$orderlab..map..concurrent..ConcurrentMap$LT$K$C$V$C$S$C$P$GT$$GT$6unlock17h040c712660418d4aE
.LBB1315_10:
	add	x0, x19, #384
	bl	_RNvMNtNtNtNtCshxTglP3SOjd_3std3sys4sync5mutex5futexNtB2_5Mutex14lock_contended
	adrp	x8, :got:_RNvNtNtCshxTglP3SOjd_3std9panicking11panic_count18GLOBAL_PANIC_COUNT
	ldr	x8, [x8, :got_lo12:_RNvNtNtCshxTglP3SOjd_3std9panicking11panic_count18GLOBAL_PANIC_COUNT]
	ldr	x8, [x8]
	tst	x8, #0x7fffffffffffffff
	b.eq	.LBB1315_5
.LBB1315_11:
	bl	_RNvNtNtCshxTglP3SOjd_3std9panicking11panic_count17is_zero_slow_path
	eor	w21, w0, #0x1
	ldrb	wzr, [x19, #388]
	ldr	x8, [x19]
	and	x22, x8, #0xffffffffffffff80
	ldr	x23, [x22, #8]
	cbnz	x23, .LBB1315_6
	b	.LBB1315_9
.LBB1315_12:
	mov	x20, x0
	add	x0, x19, #384
	mov	w1, w21
	bl	_ZN4core3ptr118drop_in_place$LT$std..sync..poison..mutex..MutexGuard$LT$std..collections..hash..map..HashMap$LT$u64$C$u64$GT$$GT$$GT$17h62b52cf491ea5fa4E
	mov	x0, x20
	bl	_Unwind_Resume
.LBB1315_14:
	bl	_RNvNtCs6Hz1PecaLG4_4core9panicking16panic_in_cleanup

orderlab::map::lab::grow_reader_acqrel:
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
	b.ne	.LBB1313_9
	ldr	x21, [x8, #8]
.LBB1313_2:
	ldr	x8, [x21]
	ands	w9, w8, #0xffff
	b.ne	.LBB1313_4
	add	x8, x8, #16, lsl #12
	b	.LBB1313_5
.LBB1313_4:
	mov	w10, #65535
	cmp	w9, w10
	b.eq	.LBB1313_11
.LBB1313_5:
	add	x8, x8, #1
	stlr	x8, [x21]
.LBB1313_6:
	ldapr	x8, [x19]
	mov	x0, sp
	mov	x2, x22
	and	x1, x8, #0xffffffffffffff80
	bl	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$4look17h63ca7dd6df801932E
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
	cbz	x21, .LBB1313_8
	ldr	x8, [x21]
	sub	x8, x8, #1
	stlr	x8, [x21]
	ldp	x20, x19, [sp, #80]
	ldp	x22, x21, [sp, #64]
	ldp	x29, x30, [sp, #48]
	add	sp, sp, #96
	ret
.LBB1313_8:
	add	x1, x19, #296
	mov	x0, #-1
	bl	__aarch64_ldadd8_rel
	ldp	x20, x19, [sp, #80]
	ldp	x22, x21, [sp, #64]
	ldp	x29, x30, [sp, #48]
	add	sp, sp, #96
	ret
.LBB1313_9:
	add	x0, x19, #24
	bl	_ZN8orderlab3map9handshake16Readers$LT$P$GT$17own_slot_uncached17h315c39a3565e6a95E
	mov	x21, x0
	cbnz	x0, .LBB1313_2
	add	x1, x19, #296
	mov	w0, #1
	bl	__aarch64_ldadd8_acq_rel
	dmb	ish
	b	.LBB1313_6
.LBB1313_11:
	adrp	x0, .Lanon.54c8442534c886141d37e77d66d2c6b9.1530
	add	x0, x0, :lo12:.Lanon.54c8442534c886141d37e77d66d2c6b9.1530
	adrp	x2, .Lanon.54c8442534c886141d37e77d66d2c6b9.1531
	add	x2, x2, :lo12:.Lanon.54c8442534c886141d37e77d66d2c6b9.1531
	mov	w1, #67
	bl	_RNvNtCs6Hz1PecaLG4_4core9panicking9panic_fmt
