# orderlab: emitted asm of map.publish+relaxed for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::map::lab::publish_writer_relaxed:
	jmp	_ZN8orderlab3map10concurrent5write79_$LT$impl$u20$orderlab..map..concurrent..ConcurrentMap$LT$K$C$V$C$S$C$P$GT$$GT$6insert17h5a8cf30db417e18bE

orderlab::map::lab::publish_reader_relaxed:
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
	jne	.LBB1323_2
	mov	r15, qword ptr [rax + 8]
.LBB1323_3:
	mov	rax, qword ptr [r15]
	test	ax, ax
	jne	.LBB1323_4
	add	rax, 65537
	jmp	.LBB1323_9
.LBB1323_4:
	movzx	ecx, ax
	cmp	ecx, 65535
	je	.LBB1323_5
	inc	rax
.LBB1323_9:
	mov	qword ptr [r15], rax
.LBB1323_10:
	mov	rsi, qword ptr [r14]
	#MEMBARRIER
	and	rsi, -128
	lea	rdi, [rsp + 8]
	mov	rdx, r12
	call	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$4look17h2656d3dc1d3a5255E
	mov	eax, 1
	cmp	byte ptr [rsp + 8], 1
	jne	.LBB1323_11
	cmp	byte ptr [rsp + 10], 0
	je	.LBB1323_14
	xor	ecx, ecx
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r15, r15
	jne	.LBB1323_17
	jmp	.LBB1323_16
.LBB1323_11:
	mov	ecx, 1
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r15, r15
	je	.LBB1323_16
.LBB1323_17:
	dec	qword ptr [r15]
	jmp	.LBB1323_18
.LBB1323_14:
	movzx	eax, byte ptr [rsp + 9]
	mov	rcx, rax
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r15, r15
	jne	.LBB1323_17
.LBB1323_16:
	lock dec	qword ptr [r14 + 296]
.LBB1323_18:
	mov	rax, rbx
	add	rsp, 56
	pop	rbx
	pop	r12
	pop	r14
	pop	r15
	ret
.LBB1323_2:
	lea	rdi, [r14 + 24]
	call	_ZN8orderlab3map9handshake16Readers$LT$P$GT$17own_slot_uncached17h186b7daa46f205baE
	mov	r15, rax
	test	rax, rax
	jne	.LBB1323_3
	lock inc	qword ptr [r14 + 296]
	lock or	dword ptr [rsp - 64], 0
	xor	r15d, r15d
	jmp	.LBB1323_10
.LBB1323_5:
	lea	rdi, [rip + .Lanon.d18d9858e3762ac0cbdadf7f2aaa0d6a.1529]
	lea	rdx, [rip + .Lanon.d18d9858e3762ac0cbdadf7f2aaa0d6a.1530]
	mov	esi, 67
	call	qword ptr [rip + _RNvNtCsgEmfK2I1SDS_4core9panicking9panic_fmt@GOTPCREL]
