# orderlab: emitted asm of map.publish+acqrel for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::map::litmus::publish_writer_acqrel:
	jmp	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$6insert17hde58cf52285afc22E

orderlab::map::litmus::publish_reader_acqrel:
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
	jne	.LBB914_2
	mov	r15, qword ptr [rax + 8]
.LBB914_3:
	mov	rax, qword ptr [r15]
	test	ax, ax
	jne	.LBB914_4
	add	rax, 65537
	jmp	.LBB914_9
.LBB914_4:
	movzx	ecx, ax
	cmp	ecx, 65535
	je	.LBB914_5
	inc	rax
.LBB914_9:
	mov	qword ptr [r15], rax
.LBB914_10:
	mov	rsi, qword ptr [r14 + 160]
	and	rsi, -128
	lea	rdi, [rsp + 8]
	mov	rdx, r12
	call	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$4look17h086615866f3e2d95E
	mov	eax, 1
	cmp	byte ptr [rsp + 8], 1
	jne	.LBB914_11
	cmp	byte ptr [rsp + 10], 0
	je	.LBB914_14
	xor	ecx, ecx
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r15, r15
	jne	.LBB914_17
	jmp	.LBB914_16
.LBB914_11:
	mov	ecx, 1
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r15, r15
	je	.LBB914_16
.LBB914_17:
	dec	qword ptr [r15]
	jmp	.LBB914_18
.LBB914_14:
	movzx	eax, byte ptr [rsp + 9]
	mov	rcx, rax
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r15, r15
	jne	.LBB914_17
.LBB914_16:
	lock dec	qword ptr [r14 + 464]
.LBB914_18:
	mov	rax, rbx
	add	rsp, 56
	pop	rbx
	pop	r12
	pop	r14
	pop	r15
	ret
.LBB914_2:
	lea	rdi, [r14 + 200]
	call	_ZN8orderlab3map9handshake16Readers$LT$P$GT$17own_slot_uncached17h42e5942df24bc776E
	mov	r15, rax
	test	rax, rax
	jne	.LBB914_3
	lock inc	qword ptr [r14 + 464]
	lock or	dword ptr [rsp - 64], 0
	xor	r15d, r15d
	jmp	.LBB914_10
.LBB914_5:
	lea	rdi, [rip + .Lanon.617df2e7128a2e31f2d4bc98ddf6f0e6.1284]
	lea	rdx, [rip + .Lanon.617df2e7128a2e31f2d4bc98ddf6f0e6.1285]
	mov	esi, 67
	call	qword ptr [rip + _RNvNtCsgEmfK2I1SDS_4core9panicking9panic_fmt@GOTPCREL]
