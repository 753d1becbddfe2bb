# orderlab: emitted asm of map.grow+acqrel for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::map::litmus::grow_writer_acqrel:
	push	rbp
	push	r15
	push	r14
	push	r12
	push	rbx
	mov	rbx, rdi
	mov	ecx, 200
	mov	edx, 1
.LBB910_1:
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB910_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB910_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB910_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB910_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB910_8
	pause
	add	rcx, -5
	jne	.LBB910_1
	mov	ecx, 1
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], ecx
	jne	.LBB910_17
.LBB910_8:
	mov	rax, qword ptr [rip + _RNvNtNtCsjrHSEGnQ3l9_3std9panicking11panic_count18GLOBAL_PANIC_COUNT@GOTPCREL]
	mov	rax, qword ptr [rax]
	shl	rax
	test	rax, rax
	jne	.LBB910_9
	xor	ebp, ebp
.LBB910_12:
	movzx	eax, byte ptr [rbx + 4]
	mov	r14, qword ptr [rbx + 160]
	mov	r15, qword ptr [r14 + 24]
	test	r15, r15
	je	.LBB910_16
	lea	r12, [rbx + 8]
	mov	r8, qword ptr [r15 + 16]
	dec	r8
	and	r8, rsi
	mov	rdi, rbx
	mov	rsi, r12
	mov	rdx, r14
	mov	rcx, r15
	call	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$8evacuate17he6b3a110415a0f14E
	mov	rax, qword ptr [r14 + 24]
	test	rax, rax
	je	.LBB910_16
	mov	r8, qword ptr [rbx + 136]
	mov	rdi, rbx
	mov	rsi, r12
	mov	rdx, r14
	mov	rcx, r15
	call	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$8evacuate17he6b3a110415a0f14E
.LBB910_16:
	movzx	esi, bpl
	mov	rdi, rbx
	pop	rbx
	pop	r12
	pop	r14
	pop	r15
	pop	rbp
	jmp	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$6unlock17h446211ba2a1ff090E
.LBB910_9:
	mov	r14, rsi
	call	qword ptr [rip + _RNvNtNtCsjrHSEGnQ3l9_3std9panicking11panic_count17is_zero_slow_path@GOTPCREL]
	mov	rsi, r14
	mov	ebp, eax
	xor	bpl, 1
	jmp	.LBB910_12
.LBB910_17:
	mov	rdi, rbx
	mov	r14, rsi
	call	qword ptr [rip + _RNvMNtNtNtNtCsjrHSEGnQ3l9_3std3sys4sync5mutex5futexNtB2_5Mutex14lock_contended@GOTPCREL]
	mov	rsi, r14
	jmp	.LBB910_8
.LBB910_18:
	mov	r14, rax
	movzx	esi, bpl
	mov	rdi, rbx
	call	_ZN4core3ptr91drop_in_place$LT$std..sync..poison..mutex..MutexGuard$LT$indicatif..state..BarState$GT$$GT$17h8b0bd1780a682df0E
	mov	rdi, r14
	call	_Unwind_Resume@PLT
.LBB910_20:
	call	qword ptr [rip + _RNvNtCsgEmfK2I1SDS_4core9panicking16panic_in_cleanup@GOTPCREL]

orderlab::map::litmus::grow_reader_acqrel:
	push	r15
	push	r14
	push	r13
	push	r12
	push	rbx
	sub	rsp, 48
	mov	r15, rdx
	mov	r14, rsi
	mov	rbx, rdi
	lea	rdi, [rip + _ZN8orderlab3map9handshake9READER_ID29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h2fb873461988b6a5E@TLSLD]
	call	__tls_get_addr@PLT
	mov	rcx, rax
	lea	rax, [rax + _ZN8orderlab3map9handshake9READER_ID29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h2fb873461988b6a5E@DTPOFF]
	cmp	byte ptr [rcx + _ZN8orderlab3map9handshake9READER_ID29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h2fb873461988b6a5E@DTPOFF+8], 1
	jne	.LBB908_1
.LBB908_2:
	mov	r13, qword ptr [rax]
	cmp	r13, 255
	ja	.LBB908_5
	mov	rax, r13
	and	rax, -8
	mov	rax, qword ptr [r14 + rax + 200]
	test	rax, rax
	je	.LBB908_4
.LBB908_6:
	and	r13d, 7
	shl	r13d, 7
	lea	r12, [rax + r13]
	mov	rax, qword ptr [rax + r13 + 8]
	test	rax, rax
	jne	.LBB908_8
	or	qword ptr [r12], 1
.LBB908_8:
	inc	rax
	mov	qword ptr [r12 + 8], rax
	jmp	.LBB908_9
.LBB908_1:
	mov	rdi, rax
	xor	esi, esi
	call	_ZN3std3sys12thread_local6native4lazy20Storage$LT$T$C$D$GT$16get_or_init_slow17h7af5d52cf56f2e0aE
	test	rax, rax
	jne	.LBB908_2
	jmp	.LBB908_5
.LBB908_4:
	mov	rax, r13
	shr	rax, 3
	lea	rdi, [r14 + 8*rax]
	add	rdi, 200
	call	_ZN8orderlab3map9handshake16Readers$LT$P$GT$13alloc_segment17h40f4a3b182014de7E
	test	rax, rax
	jne	.LBB908_6
.LBB908_5:
	lock inc	qword ptr [r14 + 456]
	lock or	dword ptr [rsp - 64], 0
	xor	r12d, r12d
.LBB908_9:
	mov	rsi, qword ptr [r14 + 160]
	mov	rdi, rsp
	mov	rdx, r15
	call	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$4look17hb5012682af08d070E
	cmp	qword ptr [rsp + 32], 0
	sete	al
	or	al, byte ptr [rsp + 40]
	movzx	ecx, byte ptr [rsp]
	xor	rcx, 1
	xor	edx, edx
	cmp	byte ptr [rsp + 41], 0
	cmove	rdx, rcx
	movzx	eax, al
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rdx
	test	r12, r12
	je	.LBB908_11
	mov	rax, qword ptr [r12 + 8]
	dec	rax
	mov	qword ptr [r12 + 8], rax
	jne	.LBB908_19
	inc	qword ptr [r12]
	jmp	.LBB908_19
.LBB908_11:
	lock dec	qword ptr [r14 + 456]
.LBB908_19:
	mov	rax, rbx
	add	rsp, 48
	pop	rbx
	pop	r12
	pop	r13
	pop	r14
	pop	r15
	ret
.LBB908_12:
	test	r12, r12
	jne	.LBB908_14
	lock dec	qword ptr [r14 + 456]
	mov	rdi, rax
	call	_Unwind_Resume@PLT
.LBB908_14:
	mov	rcx, qword ptr [r12 + 8]
	dec	rcx
	mov	qword ptr [r12 + 8], rcx
	jne	.LBB908_16
	inc	qword ptr [r12]
.LBB908_16:
	mov	rdi, rax
	call	_Unwind_Resume@PLT
