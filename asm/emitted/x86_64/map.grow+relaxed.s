# orderlab: emitted asm of map.grow+relaxed for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::map::lab::grow_writer_relaxed:
	push	rbp
	push	r15
	push	r14
	push	r13
	push	r12
	push	rbx
	push	rax
	mov	r14, rdi
	lea	rbx, [rdi + 384]
	mov	ecx, 200
	mov	edx, 1
.LBB1318_1:
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB1318_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB1318_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB1318_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB1318_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB1318_8
	pause
	add	rcx, -5
	jne	.LBB1318_1
	mov	ecx, 1
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], ecx
	jne	.LBB1318_17
.LBB1318_8:
	mov	rax, qword ptr [rip + _RNvNtNtCsjrHSEGnQ3l9_3std9panicking11panic_count18GLOBAL_PANIC_COUNT@GOTPCREL]
	mov	rax, qword ptr [rax]
	shl	rax
	test	rax, rax
	jne	.LBB1318_9
	xor	ebp, ebp
.LBB1318_12:
	movzx	eax, byte ptr [r14 + 388]
	mov	r15, qword ptr [r14]
	and	r15, -128
	mov	r12, qword ptr [r15 + 8]
	test	r12, r12
	je	.LBB1318_16
	movzx	ecx, byte ptr [r12 + 1]
	mov	rax, -1
	shl	rax, cl
	lea	r13, [r14 + 392]
	not	rax
	and	rsi, rax
	mov	rdi, r14
	mov	r8, rsi
	mov	rsi, r13
	mov	rdx, r15
	mov	rcx, r12
	call	_ZN8orderlab3map10concurrent4grow79_$LT$impl$u20$orderlab..map..concurrent..ConcurrentMap$LT$K$C$V$C$S$C$P$GT$$GT$8evacuate17hd687d31a8186953aE
	mov	rax, qword ptr [r15 + 8]
	test	rax, rax
	je	.LBB1318_16
	mov	r8, qword ptr [r14 + 520]
	mov	rdi, r14
	mov	rsi, r13
	mov	rdx, r15
	mov	rcx, r12
	call	_ZN8orderlab3map10concurrent4grow79_$LT$impl$u20$orderlab..map..concurrent..ConcurrentMap$LT$K$C$V$C$S$C$P$GT$$GT$8evacuate17hd687d31a8186953aE
.LBB1318_16:
	movzx	esi, bpl
	mov	rdi, rbx
	add	rsp, 8
	pop	rbx
	pop	r12
	pop	r13
	pop	r14
	pop	r15
	pop	rbp
	jmp	_ZN8orderlab3map10concurrent5write79_$LT$impl$u20$orderlab..map..concurrent..ConcurrentMap$LT$K$C$V$C$S$C$P$GT$$GT$6unlock17h0abf4d4f0b2f1924E
.LBB1318_9:
	mov	r15, rsi
	call	qword ptr [rip + _RNvNtNtCsjrHSEGnQ3l9_3std9panicking11panic_count17is_zero_slow_path@GOTPCREL]
	mov	rsi, r15
	mov	ebp, eax
	xor	bpl, 1
	jmp	.LBB1318_12
.LBB1318_17:
	mov	rdi, rbx
	mov	r15, rsi
	call	qword ptr [rip + _RNvMNtNtNtNtCsjrHSEGnQ3l9_3std3sys4sync5mutex5futexNtB2_5Mutex14lock_contended@GOTPCREL]
	mov	rsi, r15
	jmp	.LBB1318_8
.LBB1318_18:
	mov	r14, rax
	movzx	esi, bpl
	mov	rdi, rbx
	call	_ZN4core3ptr118drop_in_place$LT$std..sync..poison..mutex..MutexGuard$LT$std..collections..hash..map..HashMap$LT$u64$C$u64$GT$$GT$$GT$17h08e8ae2b15990951E
	mov	rdi, r14
	call	_Unwind_Resume@PLT
.LBB1318_20:
	call	qword ptr [rip + _RNvNtCsgEmfK2I1SDS_4core9panicking16panic_in_cleanup@GOTPCREL]

orderlab::map::lab::grow_reader_relaxed:
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
	jne	.LBB1317_2
	mov	r15, qword ptr [rax + 8]
.LBB1317_3:
	mov	rax, qword ptr [r15]
	test	ax, ax
	jne	.LBB1317_4
	add	rax, 65537
	jmp	.LBB1317_9
.LBB1317_4:
	movzx	ecx, ax
	cmp	ecx, 65535
	je	.LBB1317_5
	inc	rax
.LBB1317_9:
	mov	qword ptr [r15], rax
.LBB1317_10:
	mov	rsi, qword ptr [r14]
	#MEMBARRIER
	and	rsi, -128
	lea	rdi, [rsp + 8]
	mov	rdx, r12
	call	_ZN8orderlab3map10concurrent34ConcurrentMap$LT$K$C$V$C$S$C$P$GT$4look17h2656d3dc1d3a5255E
	cmp	qword ptr [rsp + 40], 0
	sete	al
	or	al, byte ptr [rsp + 48]
	movzx	ecx, byte ptr [rsp + 8]
	xor	rcx, 1
	xor	edx, edx
	cmp	byte ptr [rsp + 49], 0
	cmove	rdx, rcx
	movzx	eax, al
	mov	qword ptr [rbx], rax
	mov	qword ptr [rbx + 8], rdx
	test	r15, r15
	je	.LBB1317_11
	dec	qword ptr [r15]
	jmp	.LBB1317_13
.LBB1317_11:
	lock dec	qword ptr [r14 + 296]
.LBB1317_13:
	mov	rax, rbx
	add	rsp, 56
	pop	rbx
	pop	r12
	pop	r14
	pop	r15
	ret
.LBB1317_2:
	lea	rdi, [r14 + 24]
	call	_ZN8orderlab3map9handshake16Readers$LT$P$GT$17own_slot_uncached17h186b7daa46f205baE
	mov	r15, rax
	test	rax, rax
	jne	.LBB1317_3
	lock inc	qword ptr [r14 + 296]
	lock or	dword ptr [rsp - 64], 0
	xor	r15d, r15d
	jmp	.LBB1317_10
.LBB1317_5:
	lea	rdi, [rip + .Lanon.d18d9858e3762ac0cbdadf7f2aaa0d6a.1529]
	lea	rdx, [rip + .Lanon.d18d9858e3762ac0cbdadf7f2aaa0d6a.1530]
	mov	esi, 67
	call	qword ptr [rip + _RNvNtCsgEmfK2I1SDS_4core9panicking9panic_fmt@GOTPCREL]
