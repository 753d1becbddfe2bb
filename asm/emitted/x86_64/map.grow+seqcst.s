# orderlab: emitted asm of map.grow+seqcst for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::map::litmus::grow_writer_seqcst:
	push	rbp
	push	r15
	push	r14
	push	r12
	push	rbx
	mov	rbx, rdi
	mov	ecx, 200
	mov	edx, 1
.LBB911_1:
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB911_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB911_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB911_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB911_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB911_8
	pause
	add	rcx, -5
	jne	.LBB911_1
	mov	ecx, 1
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], ecx
	jne	.LBB911_17
.LBB911_8:
	mov	rax, qword ptr [rip + _RNvNtNtCsjrHSEGnQ3l9_3std9panicking11panic_count18GLOBAL_PANIC_COUNT@GOTPCREL]
	mov	rax, qword ptr [rax]
	shl	rax
	test	rax, rax
	jne	.LBB911_9
	xor	ebp, ebp
.LBB911_12:
	movzx	eax, byte ptr [rbx + 4]
	mov	r14, qword ptr [rbx + 160]
	and	r14, -128
	mov	r15, qword ptr [r14 + 8]
	test	r15, r15
	je	.LBB911_16
	movzx	ecx, byte ptr [r15 + 1]
	mov	rax, -1
	shl	rax, cl
	lea	r12, [rbx + 8]
	not	rax
	and	rsi, rax
	mov	rdi, rbx
	mov	r8, rsi
	mov	rsi, r12
	mov	rdx, r14
	mov	rcx, r15
	call	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$8evacuate17hdb855fb8d2231f9bE
	mov	rax, qword ptr [r14 + 8]
	test	rax, rax
	je	.LBB911_16
	mov	r8, qword ptr [rbx + 136]
	mov	rdi, rbx
	mov	rsi, r12
	mov	rdx, r14
	mov	rcx, r15
	call	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$8evacuate17hdb855fb8d2231f9bE
.LBB911_16:
	movzx	esi, bpl
	mov	rdi, rbx
	pop	rbx
	pop	r12
	pop	r14
	pop	r15
	pop	rbp
	jmp	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$6unlock17h446211ba2a1ff090E
.LBB911_9:
	mov	r14, rsi
	call	qword ptr [rip + _RNvNtNtCsjrHSEGnQ3l9_3std9panicking11panic_count17is_zero_slow_path@GOTPCREL]
	mov	rsi, r14
	mov	ebp, eax
	xor	bpl, 1
	jmp	.LBB911_12
.LBB911_17:
	mov	rdi, rbx
	mov	r14, rsi
	call	qword ptr [rip + _RNvMNtNtNtNtCsjrHSEGnQ3l9_3std3sys4sync5mutex5futexNtB2_5Mutex14lock_contended@GOTPCREL]
	mov	rsi, r14
	jmp	.LBB911_8
.LBB911_18:
	mov	r14, rax
	movzx	esi, bpl
	mov	rdi, rbx
	call	_ZN4core3ptr91drop_in_place$LT$std..sync..poison..mutex..MutexGuard$LT$indicatif..state..BarState$GT$$GT$17h8b0bd1780a682df0E
	mov	rdi, r14
	call	_Unwind_Resume@PLT
.LBB911_20:
	call	qword ptr [rip + _RNvNtCsgEmfK2I1SDS_4core9panicking16panic_in_cleanup@GOTPCREL]

orderlab::map::litmus::grow_reader_seqcst:
	push	r15
	push	r14
	push	r12
	push	rbx
	sub	rsp, 56
	mov	r12, rdx
	mov	r14, rsi
	mov	rbx, rdi
	data16
	lea	rdi, [rip + _ZN8orderlab3map9handshake9LAST_SLOT29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17hf14555632ecdd97fE@TLSGD]
	data16
	data16
	rex64
	call	__tls_get_addr@PLT
	mov	rcx, qword ptr [rax]
	cmp	rcx, qword ptr [r14 + 200]
	jne	.LBB909_2
	mov	r15, qword ptr [rax + 8]
.LBB909_3:
	mov	rax, qword ptr [r15]
	test	ax, ax
	jne	.LBB909_4
	add	rax, 65537
	cmp	byte ptr [r14 + 472], 0
	mov	qword ptr [r15], rax
	je	.LBB909_8
	#MEMBARRIER
	jmp	.LBB909_11
.LBB909_4:
	movzx	ecx, ax
	cmp	ecx, 65535
	je	.LBB909_5
	inc	rax
	mov	qword ptr [r15], rax
	jmp	.LBB909_11
.LBB909_8:
	lock or	dword ptr [rsp - 64], 0
.LBB909_11:
	mov	rsi, qword ptr [r14 + 160]
	and	rsi, -128
	lea	rdi, [rsp + 8]
	mov	rdx, r12
	call	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$4look17ha12e8883243c1196E
	cmp	qword ptr [rsp + 40], 0
	sete	al
	or	al, byte ptr [rsp + 48]
	movzx	ecx, byte ptr [rsp + 8]
	xor	rcx, 1
	xor	edx, edx
	cmp	byte ptr [rsp + 49], 0
	cmove	rdx, rcx
	movzx	eax, al
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rdx
	test	r15, r15
	je	.LBB909_12
	dec	qword ptr [r15]
	jmp	.LBB909_14
.LBB909_12:
	lock dec	qword ptr [r14 + 464]
.LBB909_14:
	mov	rax, rbx
	add	rsp, 56
	pop	rbx
	pop	r12
	pop	r14
	pop	r15
	ret
.LBB909_2:
	lea	rdi, [r14 + 200]
	call	_ZN8orderlab3map9handshake16Readers$LT$P$GT$17own_slot_uncached17h42e5942df24bc776E
	mov	r15, rax
	test	rax, rax
	jne	.LBB909_3
	lock inc	qword ptr [r14 + 464]
	lock or	dword ptr [rsp - 64], 0
	xor	r15d, r15d
	jmp	.LBB909_11
.LBB909_5:
	lea	rdi, [rip + .Lanon.617df2e7128a2e31f2d4bc98ddf6f0e6.1284]
	lea	rdx, [rip + .Lanon.617df2e7128a2e31f2d4bc98ddf6f0e6.1285]
	mov	esi, 67
	call	qword ptr [rip + _RNvNtCsgEmfK2I1SDS_4core9panicking9panic_fmt@GOTPCREL]
