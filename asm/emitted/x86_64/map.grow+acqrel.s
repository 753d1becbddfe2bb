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
.LBB909_1:
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB909_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB909_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB909_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB909_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB909_8
	pause
	add	rcx, -5
	jne	.LBB909_1
	mov	ecx, 1
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], ecx
	jne	.LBB909_17
.LBB909_8:
	mov	rax, qword ptr [rip + _RNvNtNtCsjrHSEGnQ3l9_3std9panicking11panic_count18GLOBAL_PANIC_COUNT@GOTPCREL]
	mov	rax, qword ptr [rax]
	shl	rax
	test	rax, rax
	jne	.LBB909_9
	xor	ebp, ebp
.LBB909_12:
	movzx	eax, byte ptr [rbx + 4]
	mov	r14, qword ptr [rbx + 160]
	and	r14, -64
	mov	r15, qword ptr [r14 + 8]
	test	r15, r15
	je	.LBB909_16
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
	je	.LBB909_16
	mov	r8, qword ptr [rbx + 136]
	mov	rdi, rbx
	mov	rsi, r12
	mov	rdx, r14
	mov	rcx, r15
	call	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$8evacuate17h242cf23e75f63563E
.LBB909_16:
	movzx	esi, bpl
	mov	rdi, rbx
	pop	rbx
	pop	r12
	pop	r14
	pop	r15
	pop	rbp
	jmp	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$6unlock17h446211ba2a1ff090E
.LBB909_9:
	mov	r14, rsi
	call	qword ptr [rip + _RNvNtNtCsjrHSEGnQ3l9_3std9panicking11panic_count17is_zero_slow_path@GOTPCREL]
	mov	rsi, r14
	mov	ebp, eax
	xor	bpl, 1
	jmp	.LBB909_12
.LBB909_17:
	mov	rdi, rbx
	mov	r14, rsi
	call	qword ptr [rip + _RNvMNtNtNtNtCsjrHSEGnQ3l9_3std3sys4sync5mutex5futexNtB2_5Mutex14lock_contended@GOTPCREL]
	mov	rsi, r14
	jmp	.LBB909_8
.LBB909_18:
	mov	r14, rax
	movzx	esi, bpl
	mov	rdi, rbx
	call	_ZN4core3ptr91drop_in_place$LT$std..sync..poison..mutex..MutexGuard$LT$indicatif..state..BarState$GT$$GT$17h8b0bd1780a682df0E
	mov	rdi, r14
	call	_Unwind_Resume@PLT
.LBB909_20:
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
	data16
	lea	rdi, [rip + _ZN8orderlab3map9handshake9CACHED_ID29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h2cc525d123197378E@TLSGD]
	data16
	data16
	rex64
	call	__tls_get_addr@PLT
	mov	r12, qword ptr [rax]
	test	r12, r12
	je	.LBB907_1
	dec	r12
	cmp	r12, 255
	ja	.LBB907_7
.LBB907_5:
	mov	rax, r12
	and	rax, -8
	mov	rax, qword ptr [r14 + rax + 200]
	test	rax, rax
	je	.LBB907_6
.LBB907_8:
	and	r12d, 7
	shl	r12d, 7
	lea	r13, [rax + r12]
	mov	rax, qword ptr [rax + r12]
	test	ax, ax
	jne	.LBB907_9
	or	rax, 1
	jmp	.LBB907_11
.LBB907_9:
	movzx	ecx, ax
	cmp	ecx, 65535
	je	.LBB907_20
	inc	rax
.LBB907_11:
	mov	qword ptr [r13], rax
	jmp	.LBB907_12
.LBB907_1:
	call	qword ptr [rip + _ZN8orderlab3map9handshake14reader_id_slow17hf993f3d78698bc77E@GOTPCREL]
	test	al, 1
	je	.LBB907_7
	mov	r12, rdx
	cmp	r12, 255
	jbe	.LBB907_5
	jmp	.LBB907_7
.LBB907_6:
	mov	rax, r12
	shr	rax, 3
	lea	rdi, [r14 + 8*rax]
	add	rdi, 200
	call	_ZN8orderlab3map9handshake16Readers$LT$P$GT$13alloc_segment17h0c752da5e4912a0cE
	test	rax, rax
	jne	.LBB907_8
.LBB907_7:
	lock inc	qword ptr [r14 + 456]
	lock or	dword ptr [rsp - 64], 0
	xor	r13d, r13d
.LBB907_12:
	mov	rsi, qword ptr [r14 + 160]
	and	rsi, -64
	mov	rdi, rsp
	mov	rdx, r15
	call	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$4look17h086615866f3e2d95E
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
	test	r13, r13
	je	.LBB907_13
	mov	rax, qword ptr [r13]
	cmp	ax, 1
	jne	.LBB907_16
	and	rax, -65536
	add	rax, 65536
	jmp	.LBB907_17
.LBB907_13:
	lock dec	qword ptr [r14 + 456]
	jmp	.LBB907_18
.LBB907_16:
	dec	rax
.LBB907_17:
	mov	qword ptr [r13], rax
.LBB907_18:
	mov	rax, rbx
	add	rsp, 48
	pop	rbx
	pop	r12
	pop	r13
	pop	r14
	pop	r15
	ret
.LBB907_20:
	lea	rdi, [rip + .Lanon.32de538217a3d8df4b10d3e62bd6c731.1284]
	lea	rdx, [rip + .Lanon.32de538217a3d8df4b10d3e62bd6c731.1285]
	mov	esi, 67
	call	qword ptr [rip + _RNvNtCsgEmfK2I1SDS_4core9panicking9panic_fmt@GOTPCREL]
