# orderlab: emitted asm of map.publish+acqrel for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::map::litmus::publish_writer_acqrel:
	jmp	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$6insert17hde58cf52285afc22E

orderlab::map::litmus::publish_reader_acqrel:
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
	jne	.LBB914_1
.LBB914_2:
	mov	r13, qword ptr [rax]
	cmp	r13, 255
	ja	.LBB914_5
	mov	rax, r13
	and	rax, -8
	mov	rax, qword ptr [r14 + rax + 200]
	test	rax, rax
	je	.LBB914_4
.LBB914_6:
	and	r13d, 7
	shl	r13d, 7
	lea	r12, [rax + r13]
	mov	rax, qword ptr [rax + r13 + 8]
	test	rax, rax
	jne	.LBB914_8
	or	qword ptr [r12], 1
.LBB914_8:
	inc	rax
	mov	qword ptr [r12 + 8], rax
	jmp	.LBB914_9
.LBB914_1:
	mov	rdi, rax
	xor	esi, esi
	call	_ZN3std3sys12thread_local6native4lazy20Storage$LT$T$C$D$GT$16get_or_init_slow17h7af5d52cf56f2e0aE
	test	rax, rax
	jne	.LBB914_2
	jmp	.LBB914_5
.LBB914_4:
	mov	rax, r13
	shr	rax, 3
	lea	rdi, [r14 + 8*rax]
	add	rdi, 200
	call	_ZN8orderlab3map9handshake16Readers$LT$P$GT$13alloc_segment17h40f4a3b182014de7E
	test	rax, rax
	jne	.LBB914_6
.LBB914_5:
	lock inc	qword ptr [r14 + 456]
	lock or	dword ptr [rsp - 64], 0
	xor	r12d, r12d
.LBB914_9:
	mov	rsi, qword ptr [r14 + 160]
	mov	rdi, rsp
	mov	rdx, r15
	call	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$4look17hb5012682af08d070E
	mov	eax, 1
	cmp	byte ptr [rsp], 1
	jne	.LBB914_11
	cmp	byte ptr [rsp + 2], 0
	je	.LBB914_19
	xor	ecx, ecx
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r12, r12
	jne	.LBB914_22
	jmp	.LBB914_21
.LBB914_11:
	mov	ecx, 1
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r12, r12
	je	.LBB914_21
.LBB914_22:
	mov	rax, qword ptr [r12 + 8]
	dec	rax
	mov	qword ptr [r12 + 8], rax
	jne	.LBB914_24
	inc	qword ptr [r12]
	jmp	.LBB914_24
.LBB914_19:
	movzx	eax, byte ptr [rsp + 1]
	mov	rcx, rax
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r12, r12
	jne	.LBB914_22
.LBB914_21:
	lock dec	qword ptr [r14 + 456]
.LBB914_24:
	mov	rax, rbx
	add	rsp, 48
	pop	rbx
	pop	r12
	pop	r13
	pop	r14
	pop	r15
	ret
.LBB914_12:
	test	r12, r12
	jne	.LBB914_14
	lock dec	qword ptr [r14 + 456]
	mov	rdi, rax
	call	_Unwind_Resume@PLT
.LBB914_14:
	mov	rcx, qword ptr [r12 + 8]
	dec	rcx
	mov	qword ptr [r12 + 8], rcx
	jne	.LBB914_16
	inc	qword ptr [r12]
.LBB914_16:
	mov	rdi, rax
	call	_Unwind_Resume@PLT
