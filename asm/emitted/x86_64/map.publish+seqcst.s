# orderlab: emitted asm of map.publish+seqcst for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::map::litmus::publish_writer_seqcst:
	jmp	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$6insert17h6a2d7a30b922e207E

orderlab::map::litmus::publish_reader_seqcst:
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
	jne	.LBB915_1
.LBB915_2:
	mov	r13, qword ptr [rax]
	cmp	r13, 255
	ja	.LBB915_5
	mov	rax, r13
	and	rax, -8
	mov	rax, qword ptr [r14 + rax + 200]
	test	rax, rax
	je	.LBB915_4
.LBB915_6:
	and	r13d, 7
	shl	r13d, 7
	lea	r12, [rax + r13]
	mov	rax, qword ptr [rax + r13 + 8]
	test	rax, rax
	jne	.LBB915_10
	or	qword ptr [r12], 1
	mov	rcx, qword ptr [rip + _ZN8orderlab3map4asym7ENABLED17h5b3ddc4f4e676ee4E@GOTPCREL]
	movzx	ecx, byte ptr [rcx]
	test	cl, cl
	je	.LBB915_8
	#MEMBARRIER
	jmp	.LBB915_10
.LBB915_8:
	lock or	dword ptr [rsp - 64], 0
.LBB915_10:
	inc	rax
	mov	qword ptr [r12 + 8], rax
	jmp	.LBB915_11
.LBB915_1:
	mov	rdi, rax
	xor	esi, esi
	call	_ZN3std3sys12thread_local6native4lazy20Storage$LT$T$C$D$GT$16get_or_init_slow17h7af5d52cf56f2e0aE
	test	rax, rax
	jne	.LBB915_2
	jmp	.LBB915_5
.LBB915_4:
	mov	rax, r13
	shr	rax, 3
	lea	rdi, [r14 + 8*rax]
	add	rdi, 200
	call	_ZN8orderlab3map9handshake16Readers$LT$P$GT$13alloc_segment17h40f4a3b182014de7E
	test	rax, rax
	jne	.LBB915_6
.LBB915_5:
	lock inc	qword ptr [r14 + 456]
	lock or	dword ptr [rsp - 64], 0
	xor	r12d, r12d
.LBB915_11:
	mov	rsi, qword ptr [r14 + 160]
	mov	rdi, rsp
	mov	rdx, r15
	call	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$4look17habe8360824bb1ca3E
	mov	eax, 1
	cmp	byte ptr [rsp], 1
	jne	.LBB915_13
	cmp	byte ptr [rsp + 2], 0
	je	.LBB915_21
	xor	ecx, ecx
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r12, r12
	jne	.LBB915_24
	jmp	.LBB915_23
.LBB915_13:
	mov	ecx, 1
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r12, r12
	je	.LBB915_23
.LBB915_24:
	mov	rax, qword ptr [r12 + 8]
	dec	rax
	mov	qword ptr [r12 + 8], rax
	jne	.LBB915_26
	inc	qword ptr [r12]
	jmp	.LBB915_26
.LBB915_21:
	movzx	eax, byte ptr [rsp + 1]
	mov	rcx, rax
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r12, r12
	jne	.LBB915_24
.LBB915_23:
	lock dec	qword ptr [r14 + 456]
.LBB915_26:
	mov	rax, rbx
	add	rsp, 48
	pop	rbx
	pop	r12
	pop	r13
	pop	r14
	pop	r15
	ret
.LBB915_14:
	test	r12, r12
	jne	.LBB915_16
	lock dec	qword ptr [r14 + 456]
	mov	rdi, rax
	call	_Unwind_Resume@PLT
.LBB915_16:
	mov	rcx, qword ptr [r12 + 8]
	dec	rcx
	mov	qword ptr [r12 + 8], rcx
	jne	.LBB915_18
	inc	qword ptr [r12]
.LBB915_18:
	mov	rdi, rax
	call	_Unwind_Resume@PLT
