# orderlab: emitted asm of map.publish+relaxed for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::map::lab::publish_writer_relaxed:
	jmp	_ZN8orderlab3map10concurrent5write79_$LT$impl$u20$orderlab..map..concurrent..ConcurrentMap$LT$K$C$V$C$S$C$P$GT$$GT$6insert17h0c47de80500a6763E

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
	lea	rdi, [rip + _ZN8orderlab3map9handshake9LAST_SLOT29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h702f5365cd4e1765E@TLSGD]
	data16
	data16
	rex64
	call	__tls_get_addr@PLT
	mov	rcx, qword ptr [rax]
	cmp	rcx, qword ptr [r14 + 24]
	jne	.LBB945_2
	mov	r15, qword ptr [rax + 8]
.LBB945_3:
	mov	rax, qword ptr [r15]
	test	ax, ax
	jne	.LBB945_4
	add	rax, 65537
	jmp	.LBB945_9
.LBB945_4:
	movzx	ecx, ax
	cmp	ecx, 65535
	je	.LBB945_5
	inc	rax
.LBB945_9:
	mov	qword ptr [r15], rax
.LBB945_10:
	mov	rsi, qword ptr [r14]
	#MEMBARRIER
	and	rsi, -128
	lea	rdi, [rsp + 8]
	mov	rdx, r12
	call	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$4look17h5f0c128b2349cf25E
	mov	eax, 1
	cmp	byte ptr [rsp + 8], 1
	jne	.LBB945_11
	cmp	byte ptr [rsp + 10], 0
	je	.LBB945_14
	xor	ecx, ecx
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r15, r15
	jne	.LBB945_17
	jmp	.LBB945_16
.LBB945_11:
	mov	ecx, 1
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r15, r15
	je	.LBB945_16
.LBB945_17:
	dec	qword ptr [r15]
	jmp	.LBB945_18
.LBB945_14:
	movzx	eax, byte ptr [rsp + 9]
	mov	rcx, rax
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r15, r15
	jne	.LBB945_17
.LBB945_16:
	lock dec	qword ptr [r14 + 296]
.LBB945_18:
	mov	rax, rbx
	add	rsp, 56
	pop	rbx
	pop	r12
	pop	r14
	pop	r15
	ret
.LBB945_2:
	lea	rdi, [r14 + 24]
	call	_ZN8orderlab3map9handshake16Readers$LT$P$GT$17own_slot_uncached17h162f277b1d60a9feE
	mov	r15, rax
	test	rax, rax
	jne	.LBB945_3
	lock inc	qword ptr [r14 + 296]
	lock or	dword ptr [rsp - 64], 0
	xor	r15d, r15d
	jmp	.LBB945_10
.LBB945_5:
	lea	rdi, [rip + .Lanon.4f7fbd4966e91c7aee2fdc0a8f282e2d.1089]
	lea	rdx, [rip + .Lanon.4f7fbd4966e91c7aee2fdc0a8f282e2d.1090]
	mov	esi, 67
	call	qword ptr [rip + _RNvNtCsgEmfK2I1SDS_4core9panicking9panic_fmt@GOTPCREL]
