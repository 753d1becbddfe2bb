# orderlab: emitted asm of map.handshake+relaxed for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::map::litmus::handshake_writer_relaxed:
	push	rbp
	push	r15
	push	r14
	push	r13
	push	r12
	push	rbx
	push	rax
	mov	rbx, rdi
	mov	ecx, 200
	mov	edx, 1
.LBB925_1:
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB925_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB925_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB925_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB925_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB925_8
	pause
	add	rcx, -5
	jne	.LBB925_1
	mov	ecx, 1
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], ecx
	jne	.LBB925_20
.LBB925_8:
	mov	rax, qword ptr [rip + _RNvNtNtCsjrHSEGnQ3l9_3std9panicking11panic_count18GLOBAL_PANIC_COUNT@GOTPCREL]
	mov	rax, qword ptr [rax]
	shl	rax
	test	rax, rax
	jne	.LBB925_9
	xor	ebp, ebp
.LBB925_12:
	movzx	eax, byte ptr [rbx + 4]
	lea	r14, [rbx + 8]
	mov	r15, qword ptr [rbx + 160]
	and	r15, -128
	movzx	eax, byte ptr [rsi + 1]
	mov	rcx, qword ptr [rsi + 8]
	xor	edx, edx
	test	rcx, rcx
	setne	dl
	shl	edx, 6
	or	rax, rsi
	or	rax, rdx
	mov	qword ptr [rbx + 160], rax
	mov	r13, qword ptr [r15 + 8]
	test	r13, r13
	je	.LBB925_16
	mov	r12, qword ptr [rbx + 24]
	cmp	r12, qword ptr [rbx + 8]
	jne	.LBB925_15
	mov	rdi, r14
	call	qword ptr [rip + _ZN5alloc7raw_vec19RawVec$LT$T$C$A$GT$8grow_one17h079866c7cdf7b1e6E@GOTPCREL]
.LBB925_15:
	mov	rax, qword ptr [rbx + 16]
	lea	rcx, [r12 + 2*r12]
	lea	rdx, [rip + _ZN8orderlab3map5table22free_table_unevacuated17hf55a3a12edd8f686E]
	mov	qword ptr [rax + 8*rcx], rdx
	mov	rdx, qword ptr [rip + _ZN8orderlab3map9handshake13poison_header17hdf68bfe10d2c2533E@GOTPCREL]
	mov	qword ptr [rax + 8*rcx + 8], rdx
	mov	qword ptr [rax + 8*rcx + 16], r13
	inc	r12
	mov	qword ptr [rbx + 24], r12
	cmp	r12, qword ptr [rbx + 8]
	je	.LBB925_17
	jmp	.LBB925_18
.LBB925_16:
	mov	r12, qword ptr [rbx + 24]
	cmp	r12, qword ptr [rbx + 8]
	jne	.LBB925_18
.LBB925_17:
	mov	rdi, r14
	call	qword ptr [rip + _ZN5alloc7raw_vec19RawVec$LT$T$C$A$GT$8grow_one17h079866c7cdf7b1e6E@GOTPCREL]
.LBB925_18:
	mov	rax, qword ptr [rbx + 16]
	lea	rcx, [r12 + 2*r12]
	lea	rdx, [rip + _ZN8orderlab3map5table15free_table_deep17hc54e17ddf65d56b4E]
	mov	qword ptr [rax + 8*rcx], rdx
	mov	rdx, qword ptr [rip + _ZN8orderlab3map9handshake13poison_header17hdf68bfe10d2c2533E@GOTPCREL]
	mov	qword ptr [rax + 8*rcx + 8], rdx
	mov	qword ptr [rax + 8*rcx + 16], r15
	inc	r12
	mov	qword ptr [rbx + 24], r12
	xorps	xmm0, xmm0
	movups	xmmword ptr [rbx + 112], xmm0
	movups	xmmword ptr [rbx + 128], xmm0
	mov	qword ptr [rbx + 168], 0
	lea	rsi, [rbx + 200]
	mov	rdi, r14
	call	_ZN8orderlab3map9handshake7Retirer4seal17h31d2905d4d83313cE
	mov	r14d, eax
	movzx	esi, bpl
	mov	rdi, rbx
	call	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$6unlock17h446211ba2a1ff090E
	movzx	eax, r14b
	add	rsp, 8
	pop	rbx
	pop	r12
	pop	r13
	pop	r14
	pop	r15
	pop	rbp
	ret
.LBB925_9:
	mov	r14, rsi
	call	qword ptr [rip + _RNvNtNtCsjrHSEGnQ3l9_3std9panicking11panic_count17is_zero_slow_path@GOTPCREL]
	mov	rsi, r14
	mov	ebp, eax
	xor	bpl, 1
	jmp	.LBB925_12
.LBB925_20:
	mov	rdi, rbx
	mov	r14, rsi
	call	qword ptr [rip + _RNvMNtNtNtNtCsjrHSEGnQ3l9_3std3sys4sync5mutex5futexNtB2_5Mutex14lock_contended@GOTPCREL]
	mov	rsi, r14
	jmp	.LBB925_8
.LBB925_21:
	mov	r14, rax
	movzx	esi, bpl
	mov	rdi, rbx
	call	_ZN4core3ptr91drop_in_place$LT$std..sync..poison..mutex..MutexGuard$LT$indicatif..state..BarState$GT$$GT$17h8b0bd1780a682df0E
	mov	rdi, r14
	call	_Unwind_Resume@PLT
.LBB925_23:
	call	qword ptr [rip + _RNvNtCsgEmfK2I1SDS_4core9panicking16panic_in_cleanup@GOTPCREL]

orderlab::map::litmus::handshake_reader_relaxed:
	push	r14
	push	rbx
	push	rax
	mov	rbx, rsi
	mov	r14, rdi
	data16
	lea	rdi, [rip + _ZN8orderlab3map9handshake9LAST_SLOT29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17hf14555632ecdd97fE@TLSGD]
	data16
	data16
	rex64
	call	__tls_get_addr@PLT
	mov	rcx, qword ptr [rax]
	cmp	rcx, qword ptr [r14 + 200]
	jne	.LBB924_2
	mov	rax, qword ptr [rax + 8]
.LBB924_3:
	mov	rcx, qword ptr [rax]
	test	cx, cx
	jne	.LBB924_4
	add	rcx, 65537
	jmp	.LBB924_9
.LBB924_4:
	movzx	edx, cx
	cmp	edx, 65535
	je	.LBB924_5
	inc	rcx
.LBB924_9:
	mov	qword ptr [rax], rcx
.LBB924_10:
	mov	rcx, qword ptr [r14 + 160]
	#MEMBARRIER
	and	rcx, -128
	xor	eax, eax
	cmp	rcx, rbx
	setne	al
	add	rsp, 8
	pop	rbx
	pop	r14
	ret
.LBB924_2:
	lea	rdi, [r14 + 200]
	call	_ZN8orderlab3map9handshake16Readers$LT$P$GT$17own_slot_uncached17h42e5942df24bc776E
	test	rax, rax
	jne	.LBB924_3
	lock inc	qword ptr [r14 + 464]
	lock or	dword ptr [rsp - 64], 0
	jmp	.LBB924_10
.LBB924_5:
	lea	rdi, [rip + .Lanon.617df2e7128a2e31f2d4bc98ddf6f0e6.1284]
	lea	rdx, [rip + .Lanon.617df2e7128a2e31f2d4bc98ddf6f0e6.1285]
	mov	esi, 67
	call	qword ptr [rip + _RNvNtCsgEmfK2I1SDS_4core9panicking9panic_fmt@GOTPCREL]
