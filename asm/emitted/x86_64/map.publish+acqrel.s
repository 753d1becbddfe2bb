# orderlab: emitted asm of map.publish+acqrel for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::map::lab::publish_writer_acqrel:
	jmp	_ZN8orderlab3map10concurrent5write79_$LT$impl$u20$orderlab..map..concurrent..ConcurrentMap$LT$K$C$V$C$S$C$P$GT$$GT$6insert17he24464d140b543a0E

orderlab::map::lab::publish_reader_acqrel:
	push	r15
	push	r14
	push	r12
	push	rbx
	sub	rsp, 56
	mov	r12, rdx
	mov	r14, rsi
	mov	rbx, rdi
	data16
	lea	rdi, [rip + _ZN8orderlab3map9handshake9LAST_SLOT29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h711e4d6baa419a61E@TLSGD]
	data16
	data16
	rex64
	call	__tls_get_addr@PLT
	mov	rcx, qword ptr [rax]
	cmp	rcx, qword ptr [r14 + 24]
	jne	.LBB903_2
	mov	r15, qword ptr [rax + 8]
.LBB903_3:
	mov	rax, qword ptr [r15]
	test	ax, ax
	jne	.LBB903_4
	add	rax, 65537
	jmp	.LBB903_9
.LBB903_4:
	movzx	ecx, ax
	cmp	ecx, 65535
	je	.LBB903_5
	inc	rax
.LBB903_9:
	mov	qword ptr [r15], rax
.LBB903_10:
	mov	rsi, qword ptr [r14]
	and	rsi, -128
	lea	rdi, [rsp + 8]
	mov	rdx, r12
	call	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$4look17hb30fcccce8edd409E
	mov	eax, 1
	cmp	byte ptr [rsp + 8], 1
	jne	.LBB903_11
	cmp	byte ptr [rsp + 10], 0
	je	.LBB903_14
	xor	ecx, ecx
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r15, r15
	jne	.LBB903_17
	jmp	.LBB903_16
.LBB903_11:
	mov	ecx, 1
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r15, r15
	je	.LBB903_16
.LBB903_17:
	dec	qword ptr [r15]
	jmp	.LBB903_18
.LBB903_14:
	movzx	eax, byte ptr [rsp + 9]
	mov	rcx, rax
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r15, r15
	jne	.LBB903_17
.LBB903_16:
	lock dec	qword ptr [r14 + 296]
.LBB903_18:
	mov	rax, rbx
	add	rsp, 56
	pop	rbx
	pop	r12
	pop	r14
	pop	r15
	ret
.LBB903_2:
	lea	rdi, [r14 + 24]
	call	_ZN8orderlab3map9handshake16Readers$LT$P$GT$17own_slot_uncached17h1c3039d66bc99830E
	mov	r15, rax
	test	rax, rax
	jne	.LBB903_3
	lock inc	qword ptr [r14 + 296]
	lock or	dword ptr [rsp - 64], 0
	xor	r15d, r15d
	jmp	.LBB903_10
.LBB903_5:
	lea	rdi, [rip + .Lanon.b61228354d63504ea14c7c7c0bb741ba.1208]
	lea	rdx, [rip + .Lanon.b61228354d63504ea14c7c7c0bb741ba.1209]
	mov	esi, 67
	call	qword ptr [rip + _RNvNtCsgEmfK2I1SDS_4core9panicking9panic_fmt@GOTPCREL]
