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
.LBB924_1:
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB924_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB924_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB924_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB924_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB924_8
	pause
	add	rcx, -5
	jne	.LBB924_1
	mov	ecx, 1
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], ecx
	jne	.LBB924_20
.LBB924_8:
	mov	rax, qword ptr [rip + _RNvNtNtCsjrHSEGnQ3l9_3std9panicking11panic_count18GLOBAL_PANIC_COUNT@GOTPCREL]
	mov	rax, qword ptr [rax]
	shl	rax
	test	rax, rax
	jne	.LBB924_9
	xor	ebp, ebp
.LBB924_12:
	movzx	eax, byte ptr [rbx + 4]
	lea	r14, [rbx + 8]
	mov	r15, qword ptr [rbx + 160]
	and	r15, -64
	movzx	eax, byte ptr [rsi + 1]
	or	rax, rsi
	mov	qword ptr [rbx + 160], rax
	mov	r13, qword ptr [r15 + 8]
	test	r13, r13
	je	.LBB924_16
	mov	r12, qword ptr [rbx + 24]
	cmp	r12, qword ptr [rbx + 8]
	jne	.LBB924_15
	mov	rdi, r14
	call	qword ptr [rip + _ZN5alloc7raw_vec19RawVec$LT$T$C$A$GT$8grow_one17h079866c7cdf7b1e6E@GOTPCREL]
.LBB924_15:
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
	je	.LBB924_17
	jmp	.LBB924_18
.LBB924_16:
	mov	r12, qword ptr [rbx + 24]
	cmp	r12, qword ptr [rbx + 8]
	jne	.LBB924_18
.LBB924_17:
	mov	rdi, r14
	call	qword ptr [rip + _ZN5alloc7raw_vec19RawVec$LT$T$C$A$GT$8grow_one17h079866c7cdf7b1e6E@GOTPCREL]
.LBB924_18:
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
.LBB924_9:
	mov	r14, rsi
	call	qword ptr [rip + _RNvNtNtCsjrHSEGnQ3l9_3std9panicking11panic_count17is_zero_slow_path@GOTPCREL]
	mov	rsi, r14
	mov	ebp, eax
	xor	bpl, 1
	jmp	.LBB924_12
.LBB924_20:
	mov	rdi, rbx
	mov	r14, rsi
	call	qword ptr [rip + _RNvMNtNtNtNtCsjrHSEGnQ3l9_3std3sys4sync5mutex5futexNtB2_5Mutex14lock_contended@GOTPCREL]
	mov	rsi, r14
	jmp	.LBB924_8
.LBB924_21:
	mov	r14, rax
	movzx	esi, bpl
	mov	rdi, rbx
	call	_ZN4core3ptr91drop_in_place$LT$std..sync..poison..mutex..MutexGuard$LT$indicatif..state..BarState$GT$$GT$17h8b0bd1780a682df0E
	mov	rdi, r14
	call	_Unwind_Resume@PLT
.LBB924_23:
	call	qword ptr [rip + _RNvNtCsgEmfK2I1SDS_4core9panicking16panic_in_cleanup@GOTPCREL]

orderlab::map::litmus::handshake_reader_relaxed:
	push	r15
	push	r14
	push	rbx
	mov	rbx, rsi
	mov	r14, rdi
	data16
	lea	rdi, [rip + _ZN8orderlab3map9handshake9CACHED_ID29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h2cc525d123197378E@TLSGD]
	data16
	data16
	rex64
	call	__tls_get_addr@PLT
	mov	r15, qword ptr [rax]
	test	r15, r15
	je	.LBB923_1
	dec	r15
	cmp	r15, 255
	ja	.LBB923_7
.LBB923_5:
	mov	rax, r15
	and	rax, -8
	mov	rax, qword ptr [r14 + rax + 200]
	test	rax, rax
	je	.LBB923_6
.LBB923_8:
	and	r15d, 7
	shl	r15d, 7
	lea	rcx, [rax + r15]
	mov	rax, qword ptr [rax + r15]
	test	ax, ax
	jne	.LBB923_9
	or	rax, 1
	jmp	.LBB923_11
.LBB923_9:
	movzx	edx, ax
	cmp	edx, 65535
	je	.LBB923_14
	inc	rax
.LBB923_11:
	mov	qword ptr [rcx], rax
	jmp	.LBB923_12
.LBB923_1:
	call	qword ptr [rip + _ZN8orderlab3map9handshake14reader_id_slow17hf993f3d78698bc77E@GOTPCREL]
	test	al, 1
	je	.LBB923_7
	mov	r15, rdx
	cmp	r15, 255
	jbe	.LBB923_5
	jmp	.LBB923_7
.LBB923_6:
	mov	rax, r15
	shr	rax, 3
	lea	rdi, [r14 + 8*rax]
	add	rdi, 200
	call	_ZN8orderlab3map9handshake16Readers$LT$P$GT$13alloc_segment17h0c752da5e4912a0cE
	test	rax, rax
	jne	.LBB923_8
.LBB923_7:
	lock inc	qword ptr [r14 + 456]
	lock or	dword ptr [rsp - 64], 0
.LBB923_12:
	mov	rcx, qword ptr [r14 + 160]
	#MEMBARRIER
	and	rcx, -64
	xor	eax, eax
	cmp	rcx, rbx
	setne	al
	pop	rbx
	pop	r14
	pop	r15
	ret
.LBB923_14:
	lea	rdi, [rip + .Lanon.32de538217a3d8df4b10d3e62bd6c731.1284]
	lea	rdx, [rip + .Lanon.32de538217a3d8df4b10d3e62bd6c731.1285]
	mov	esi, 67
	call	qword ptr [rip + _RNvNtCsgEmfK2I1SDS_4core9panicking9panic_fmt@GOTPCREL]
