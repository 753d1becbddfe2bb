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
	data16
	lea	rdi, [rip + _ZN8orderlab3map9handshake9CACHED_ID29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17h2cc525d123197378E@TLSGD]
	data16
	data16
	rex64
	call	__tls_get_addr@PLT
	mov	r12, qword ptr [rax]
	test	r12, r12
	je	.LBB914_1
	dec	r12
	cmp	r12, 255
	ja	.LBB914_7
.LBB914_5:
	mov	rax, r12
	and	rax, -8
	mov	rax, qword ptr [r14 + rax + 200]
	test	rax, rax
	je	.LBB914_6
.LBB914_8:
	and	r12d, 7
	shl	r12d, 7
	lea	r13, [rax + r12]
	mov	rax, qword ptr [rax + r12]
	test	ax, ax
	jne	.LBB914_9
	or	rax, 1
	mov	qword ptr [r13], rax
	mov	rax, qword ptr [rip + _ZN8orderlab3map4asym7ENABLED17h5b3ddc4f4e676ee4E@GOTPCREL]
	movzx	eax, byte ptr [rax]
	test	al, al
	je	.LBB914_12
	#MEMBARRIER
	jmp	.LBB914_15
.LBB914_9:
	movzx	ecx, ax
	cmp	ecx, 65535
	je	.LBB914_10
	inc	rax
	mov	qword ptr [r13], rax
	jmp	.LBB914_15
.LBB914_12:
	lock or	dword ptr [rsp - 64], 0
	jmp	.LBB914_15
.LBB914_1:
	call	qword ptr [rip + _ZN8orderlab3map9handshake14reader_id_slow17hf993f3d78698bc77E@GOTPCREL]
	test	al, 1
	je	.LBB914_7
	mov	r12, rdx
	cmp	r12, 255
	jbe	.LBB914_5
	jmp	.LBB914_7
.LBB914_6:
	mov	rax, r12
	shr	rax, 3
	lea	rdi, [r14 + 8*rax]
	add	rdi, 200
	call	_ZN8orderlab3map9handshake16Readers$LT$P$GT$13alloc_segment17h0c752da5e4912a0cE
	test	rax, rax
	jne	.LBB914_8
.LBB914_7:
	lock inc	qword ptr [r14 + 456]
	lock or	dword ptr [rsp - 64], 0
	xor	r13d, r13d
.LBB914_15:
	mov	rsi, qword ptr [r14 + 160]
	and	rsi, -64
	mov	rdi, rsp
	mov	rdx, r15
	call	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$4look17ha12e8883243c1196E
	mov	eax, 1
	cmp	byte ptr [rsp], 1
	jne	.LBB914_16
	cmp	byte ptr [rsp + 2], 0
	je	.LBB914_19
	xor	ecx, ecx
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r13, r13
	jne	.LBB914_22
	jmp	.LBB914_21
.LBB914_16:
	mov	ecx, 1
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r13, r13
	je	.LBB914_21
.LBB914_22:
	mov	rax, qword ptr [r13]
	cmp	ax, 1
	jne	.LBB914_24
	and	rax, -65536
	add	rax, 65536
	jmp	.LBB914_25
.LBB914_24:
	dec	rax
.LBB914_25:
	mov	qword ptr [r13], rax
	jmp	.LBB914_26
.LBB914_19:
	movzx	eax, byte ptr [rsp + 1]
	mov	rcx, rax
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rcx
	test	r13, r13
	jne	.LBB914_22
.LBB914_21:
	lock dec	qword ptr [r14 + 456]
.LBB914_26:
	mov	rax, rbx
	add	rsp, 48
	pop	rbx
	pop	r12
	pop	r13
	pop	r14
	pop	r15
	ret
.LBB914_10:
	lea	rdi, [rip + .Lanon.32de538217a3d8df4b10d3e62bd6c731.1284]
	lea	rdx, [rip + .Lanon.32de538217a3d8df4b10d3e62bd6c731.1285]
	mov	esi, 67
	call	qword ptr [rip + _RNvNtCsgEmfK2I1SDS_4core9panicking9panic_fmt@GOTPCREL]
