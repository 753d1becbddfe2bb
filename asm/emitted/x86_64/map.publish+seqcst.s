# orderlab: emitted asm of map.publish+seqcst for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::map::litmus::publish_writer_seqcst:
	jmp	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$6insert17h6a2d7a30b922e207E

orderlab::map::litmus::publish_reader_seqcst:
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
	jne	.LBB915_2
	mov	r15, qword ptr [rax + 8]
.LBB915_3:
	mov	rax, qword ptr [r15]
	test	ax, ax
	jne	.LBB915_4
	add	rax, 65537
	cmp	byte ptr [r14 + 472], 0
	mov	qword ptr [r15], rax
	je	.LBB915_8
	#MEMBARRIER
	jmp	.LBB915_11
.LBB915_4:
	movzx	ecx, ax
	cmp	ecx, 65535
	je	.LBB915_5
	inc	rax
	mov	qword ptr [r15], rax
	jmp	.LBB915_11
.LBB915_8:
	lock or	dword ptr [rsp - 64], 0
.LBB915_11:
	mov	rsi, qword ptr [r14 + 160]
	and	rsi, -128
	lea	rdi, [rsp + 8]
	mov	rdx, r12
	call	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$4look17ha12e8883243c1196E
	mov	eax, 1
	cmp	byte ptr [rsp + 8], 1
	jne	.LBB915_12
	cmp	byte ptr [rsp + 10], 0
	je	.LBB915_15
	xor	ecx, ecx
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r15, r15
	jne	.LBB915_18
	jmp	.LBB915_17
.LBB915_12:
	mov	ecx, 1
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r15, r15
	je	.LBB915_17
.LBB915_18:
	dec	qword ptr [r15]
	jmp	.LBB915_19
.LBB915_15:
	movzx	eax, byte ptr [rsp + 9]
	mov	rcx, rax
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r15, r15
	jne	.LBB915_18
.LBB915_17:
	lock dec	qword ptr [r14 + 464]
.LBB915_19:
	mov	rax, rbx
	add	rsp, 56
	pop	rbx
	pop	r12
	pop	r14
	pop	r15
	ret
.LBB915_2:
	lea	rdi, [r14 + 200]
	call	_ZN8orderlab3map9handshake16Readers$LT$P$GT$17own_slot_uncached17h42e5942df24bc776E
	mov	r15, rax
	test	rax, rax
	jne	.LBB915_3
	lock inc	qword ptr [r14 + 464]
	lock or	dword ptr [rsp - 64], 0
	xor	r15d, r15d
	jmp	.LBB915_11
.LBB915_5:
	lea	rdi, [rip + .Lanon.617df2e7128a2e31f2d4bc98ddf6f0e6.1284]
	lea	rdx, [rip + .Lanon.617df2e7128a2e31f2d4bc98ddf6f0e6.1285]
	mov	esi, 67
	call	qword ptr [rip + _RNvNtCsgEmfK2I1SDS_4core9panicking9panic_fmt@GOTPCREL]
