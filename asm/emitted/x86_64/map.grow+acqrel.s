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
	and	r14, -128
	mov	r15, qword ptr [r14 + 8]
	test	r15, r15
	je	.LBB910_16
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
	call	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$8evacuate17h242cf23e75f63563E
	mov	rax, qword ptr [r14 + 8]
	test	rax, rax
	je	.LBB910_16
	mov	r8, qword ptr [rbx + 136]
	mov	rdi, rbx
	mov	rsi, r12
	mov	rdx, r14
	mov	rcx, r15
	call	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$8evacuate17h242cf23e75f63563E
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
	jne	.LBB908_2
	mov	r15, qword ptr [rax + 8]
.LBB908_3:
	mov	rax, qword ptr [r15]
	test	ax, ax
	jne	.LBB908_4
	add	rax, 65537
	jmp	.LBB908_9
.LBB908_4:
	movzx	ecx, ax
	cmp	ecx, 65535
	je	.LBB908_5
	inc	rax
.LBB908_9:
	mov	qword ptr [r15], rax
.LBB908_10:
	mov	rsi, qword ptr [r14 + 160]
	and	rsi, -128
	lea	rdi, [rsp + 8]
	mov	rdx, r12
	call	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$4look17h086615866f3e2d95E
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
	je	.LBB908_11
	dec	qword ptr [r15]
	jmp	.LBB908_13
.LBB908_11:
	lock dec	qword ptr [r14 + 464]
.LBB908_13:
	mov	rax, rbx
	add	rsp, 56
	pop	rbx
	pop	r12
	pop	r14
	pop	r15
	ret
.LBB908_2:
	lea	rdi, [r14 + 200]
	call	_ZN8orderlab3map9handshake16Readers$LT$P$GT$17own_slot_uncached17h42e5942df24bc776E
	mov	r15, rax
	test	rax, rax
	jne	.LBB908_3
	lock inc	qword ptr [r14 + 464]
	lock or	dword ptr [rsp - 64], 0
	xor	r15d, r15d
	jmp	.LBB908_10
.LBB908_5:
	lea	rdi, [rip + .Lanon.617df2e7128a2e31f2d4bc98ddf6f0e6.1284]
	lea	rdx, [rip + .Lanon.617df2e7128a2e31f2d4bc98ddf6f0e6.1285]
	mov	esi, 67
	call	qword ptr [rip + _RNvNtCsgEmfK2I1SDS_4core9panicking9panic_fmt@GOTPCREL]
