# orderlab: emitted asm of map.publish+seqcst for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::map::lab::publish_writer_seqcst:
	mov	esi, 1
	mov	edx, 1
	jmp	_ZN8orderlab3map10concurrent5write79_$LT$impl$u20$orderlab..map..concurrent..ConcurrentMap$LT$K$C$V$C$S$C$P$GT$$GT$6insert17h441ea7709df555faE

orderlab::map::lab::publish_reader_seqcst:
	push	r15
	push	r14
	push	r12
	push	rbx
	sub	rsp, 56
	mov	r12, rdx
	mov	r14, rsi
	mov	rbx, rdi
	data16
	lea	rdi, [rip + _ZN8orderlab3map9handshake9LAST_SLOT29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17hfe6f556cc8b6c9a5E@TLSGD]
	data16
	data16
	rex64
	call	__tls_get_addr@PLT
	mov	rcx, qword ptr [rax]
	cmp	rcx, qword ptr [r14 + 24]
	jne	.LBB1320_2
	mov	r15, qword ptr [rax + 8]
.LBB1320_3:
	mov	rax, qword ptr [r15]
	test	ax, ax
	jne	.LBB1320_4
	add	rax, 65537
	cmp	byte ptr [r14 + 32], 0
	mov	qword ptr [r15], rax
	je	.LBB1320_8
	#MEMBARRIER
	jmp	.LBB1320_11
.LBB1320_4:
	movzx	ecx, ax
	cmp	ecx, 65535
	je	.LBB1320_5
	inc	rax
	mov	qword ptr [r15], rax
	jmp	.LBB1320_11
.LBB1320_8:
	lock or	dword ptr [rsp - 64], 0
.LBB1320_11:
	mov	rsi, qword ptr [r14]
	and	rsi, -128
	lea	rcx, [rip + .Lanon.d18d9858e3762ac0cbdadf7f2aaa0d6a.1520]
	lea	rdi, [rsp + 8]
	mov	rdx, r12
	call	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$4look17h94314eaec0f0fabaE
	mov	eax, 1
	cmp	byte ptr [rsp + 8], 1
	jne	.LBB1320_12
	cmp	byte ptr [rsp + 10], 0
	je	.LBB1320_15
	xor	ecx, ecx
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r15, r15
	jne	.LBB1320_18
	jmp	.LBB1320_17
.LBB1320_12:
	mov	ecx, 1
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r15, r15
	je	.LBB1320_17
.LBB1320_18:
	dec	qword ptr [r15]
	jmp	.LBB1320_19
.LBB1320_15:
	movzx	eax, byte ptr [rsp + 9]
	mov	rcx, rax
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r15, r15
	jne	.LBB1320_18
.LBB1320_17:
	lock dec	qword ptr [r14 + 296]
.LBB1320_19:
	mov	rax, rbx
	add	rsp, 56
	pop	rbx
	pop	r12
	pop	r14
	pop	r15
	ret
.LBB1320_2:
	lea	rdi, [r14 + 24]
	call	_ZN8orderlab3map9handshake16Readers$LT$P$GT$17own_slot_uncached17h186b7daa46f205baE
	mov	r15, rax
	test	rax, rax
	jne	.LBB1320_3
	lock inc	qword ptr [r14 + 296]
	lock or	dword ptr [rsp - 64], 0
	xor	r15d, r15d
	jmp	.LBB1320_11
.LBB1320_5:
	lea	rdi, [rip + .Lanon.d18d9858e3762ac0cbdadf7f2aaa0d6a.1529]
	lea	rdx, [rip + .Lanon.d18d9858e3762ac0cbdadf7f2aaa0d6a.1530]
	mov	esi, 67
	call	qword ptr [rip + _RNvNtCsgEmfK2I1SDS_4core9panicking9panic_fmt@GOTPCREL]
