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
	mov	qword ptr [rbx + 160], rsi
	mov	r13, qword ptr [r15 + 24]
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
	call	_ZN8orderlab3map9handshake7Retirer4seal17hf3e66096b72e43d0E
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
	push	r15
	push	r14
	push	rbx
	mov	rbx, rsi
	mov	r14, rdi
	lea	rdi, [rip + _ZN8orderlab3map9handshake9READER_ID29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h2fb873461988b6a5E@TLSLD]
	call	__tls_get_addr@PLT
	mov	rcx, rax
	lea	rax, [rax + _ZN8orderlab3map9handshake9READER_ID29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h2fb873461988b6a5E@DTPOFF]
	cmp	byte ptr [rcx + _ZN8orderlab3map9handshake9READER_ID29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h2fb873461988b6a5E@DTPOFF+8], 1
	jne	.LBB924_1
.LBB924_2:
	mov	r15, qword ptr [rax]
	cmp	r15, 255
	ja	.LBB924_5
	mov	rax, r15
	and	rax, -8
	mov	rax, qword ptr [r14 + rax + 200]
	test	rax, rax
	je	.LBB924_4
.LBB924_6:
	and	r15d, 7
	shl	r15d, 7
	lea	rcx, [rax + r15]
	mov	rax, qword ptr [rax + r15 + 8]
	test	rax, rax
	jne	.LBB924_8
	or	qword ptr [rcx], 1
.LBB924_8:
	inc	rax
	mov	qword ptr [rcx + 8], rax
	jmp	.LBB924_9
.LBB924_1:
	mov	rdi, rax
	xor	esi, esi
	call	_ZN3std3sys12thread_local6native4lazy20Storage$LT$T$C$D$GT$16get_or_init_slow17h7af5d52cf56f2e0aE
	test	rax, rax
	jne	.LBB924_2
	jmp	.LBB924_5
.LBB924_4:
	mov	rax, r15
	shr	rax, 3
	lea	rdi, [r14 + 8*rax]
	add	rdi, 200
	call	_ZN8orderlab3map9handshake16Readers$LT$P$GT$13alloc_segment17h40f4a3b182014de7E
	test	rax, rax
	jne	.LBB924_6
.LBB924_5:
	lock inc	qword ptr [r14 + 456]
	lock or	dword ptr [rsp - 64], 0
.LBB924_9:
	mov	rcx, qword ptr [r14 + 160]
	#MEMBARRIER
	xor	eax, eax
	cmp	rbx, rcx
	setne	al
	pop	rbx
	pop	r14
	pop	r15
	ret
