# orderlab: emitted asm of map.handshake+acqrel for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::map::lab::handshake_writer_acqrel:
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
.LBB1327_1:
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB1327_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB1327_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB1327_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB1327_8
	pause
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], edx
	je	.LBB1327_8
	pause
	add	rcx, -5
	jne	.LBB1327_1
	mov	ecx, 1
	xor	eax, eax
	lock cmpxchg	dword ptr [rbx], ecx
	jne	.LBB1327_20
.LBB1327_8:
	mov	rax, qword ptr [rip + _RNvNtNtCsjrHSEGnQ3l9_3std9panicking11panic_count18GLOBAL_PANIC_COUNT@GOTPCREL]
	mov	rax, qword ptr [rax]
	shl	rax
	test	rax, rax
	jne	.LBB1327_9
	mov	dword ptr [rsp + 4], 0
.LBB1327_12:
	movzx	eax, byte ptr [r14 + 388]
	lea	r15, [r14 + 392]
	mov	r12, qword ptr [r14]
	and	r12, -128
	movzx	eax, byte ptr [rsi + 1]
	mov	rcx, qword ptr [rsi + 8]
	xor	edx, edx
	test	rcx, rcx
	setne	dl
	shl	edx, 6
	or	rax, rsi
	or	rax, rdx
	mov	qword ptr [r14], rax
	mov	rbp, qword ptr [r12 + 8]
	test	rbp, rbp
	je	.LBB1327_16
	mov	r13, qword ptr [r14 + 408]
	cmp	r13, qword ptr [r14 + 392]
	jne	.LBB1327_15
	mov	rdi, r15
	call	qword ptr [rip + _ZN5alloc7raw_vec19RawVec$LT$T$C$A$GT$8grow_one17h0ca1508287276f31E@GOTPCREL]
.LBB1327_15:
	mov	rax, qword ptr [r14 + 400]
	lea	rcx, [2*r13]
	add	rcx, r13
	lea	rdx, [rip + _ZN8orderlab3map5table22free_table_unevacuated17h4008f5a0963f0fb8E]
	mov	qword ptr [rax + 8*rcx], rdx
	mov	rdx, qword ptr [rip + _ZN8orderlab3map9handshake13poison_header17h80da1b70151f3d3fE@GOTPCREL]
	mov	qword ptr [rax + 8*rcx + 8], rdx
	mov	qword ptr [rax + 8*rcx + 16], rbp
	inc	r13
	mov	qword ptr [r14 + 408], r13
	cmp	r13, qword ptr [r14 + 392]
	je	.LBB1327_17
	jmp	.LBB1327_18
.LBB1327_16:
	mov	r13, qword ptr [r14 + 408]
	cmp	r13, qword ptr [r14 + 392]
	jne	.LBB1327_18
.LBB1327_17:
	mov	rdi, r15
	call	qword ptr [rip + _ZN5alloc7raw_vec19RawVec$LT$T$C$A$GT$8grow_one17h0ca1508287276f31E@GOTPCREL]
.LBB1327_18:
	mov	rax, qword ptr [r14 + 400]
	lea	rcx, [2*r13]
	add	rcx, r13
	lea	rdx, [rip + _ZN8orderlab3map5table15free_table_deep17h577c579d3436cf9bE]
	mov	qword ptr [rax + 8*rcx], rdx
	mov	rdx, qword ptr [rip + _ZN8orderlab3map9handshake13poison_header17h80da1b70151f3d3fE@GOTPCREL]
	mov	qword ptr [rax + 8*rcx + 8], rdx
	mov	qword ptr [rax + 8*rcx + 16], r12
	inc	r13
	mov	qword ptr [r14 + 408], r13
	xorps	xmm0, xmm0
	movaps	xmmword ptr [r14 + 496], xmm0
	movaps	xmmword ptr [r14 + 512], xmm0
	mov	qword ptr [r14 + 536], 0
	add	r14, 24
	mov	rdi, r15
	mov	rsi, r14
	call	_ZN8orderlab3map9handshake7Retirer4seal17h019a1702874d9664E
	mov	r14d, eax
	movzx	esi, byte ptr [rsp + 4]
	mov	rdi, rbx
	call	_ZN8orderlab3map10concurrent5write79_$LT$impl$u20$orderlab..map..concurrent..ConcurrentMap$LT$K$C$V$C$S$C$P$GT$$GT$6unlock17h0abf4d4f0b2f1924E
	movzx	eax, r14b
	add	rsp, 8
	pop	rbx
	pop	r12
	pop	r13
	pop	r14
	pop	r15
	pop	rbp
	ret
.LBB1327_9:
	mov	r15, rsi
	call	qword ptr [rip + _RNvNtNtCsjrHSEGnQ3l9_3std9panicking11panic_count17is_zero_slow_path@GOTPCREL]
	mov	rsi, r15
	xor	al, 1
	mov	dword ptr [rsp + 4], eax
	jmp	.LBB1327_12
.LBB1327_20:
	mov	rdi, rbx
	mov	r15, rsi
	call	qword ptr [rip + _RNvMNtNtNtNtCsjrHSEGnQ3l9_3std3sys4sync5mutex5futexNtB2_5Mutex14lock_contended@GOTPCREL]
	mov	rsi, r15
	jmp	.LBB1327_8
.LBB1327_21:
	mov	r14, rax
	movzx	esi, byte ptr [rsp + 4]
	mov	rdi, rbx
	call	_ZN4core3ptr118drop_in_place$LT$std..sync..poison..mutex..MutexGuard$LT$std..collections..hash..map..HashMap$LT$u64$C$u64$GT$$GT$$GT$17h08e8ae2b15990951E
	mov	rdi, r14
	call	_Unwind_Resume@PLT
.LBB1327_23:
	call	qword ptr [rip + _RNvNtCsgEmfK2I1SDS_4core9panicking16panic_in_cleanup@GOTPCREL]

orderlab::map::lab::handshake_reader_acqrel:
	push	r14
	push	rbx
	push	rax
	mov	rbx, rsi
	mov	r14, rdi
	data16
	lea	rdi, [rip + _ZN8orderlab3map9handshake9LAST_SLOT29_$u7b$$u7b$constant$u7d$$u7d$28_$u7b$$u7b$closure$u7d$$u7d$23__RUST_STD_INTERNAL_VAL17hfe6f556cc8b6c9a5E@TLSGD]
	data16
	data16
	rex64
	call	__tls_get_addr@PLT
	mov	rcx, qword ptr [rax]
	cmp	rcx, qword ptr [r14 + 24]
	jne	.LBB1325_2
	mov	rax, qword ptr [rax + 8]
.LBB1325_3:
	mov	rcx, qword ptr [rax]
	test	cx, cx
	jne	.LBB1325_4
	add	rcx, 65537
	jmp	.LBB1325_9
.LBB1325_4:
	movzx	edx, cx
	cmp	edx, 65535
	je	.LBB1325_5
	inc	rcx
.LBB1325_9:
	mov	qword ptr [rax], rcx
.LBB1325_10:
	mov	rcx, qword ptr [r14]
	and	rcx, -128
	xor	eax, eax
	cmp	rcx, rbx
	setne	al
	add	rsp, 8
	pop	rbx
	pop	r14
	ret
.LBB1325_2:
	lea	rdi, [r14 + 24]
	call	_ZN8orderlab3map9handshake16Readers$LT$P$GT$17own_slot_uncached17h186b7daa46f205baE
	test	rax, rax
	jne	.LBB1325_3
	lock inc	qword ptr [r14 + 296]
	lock or	dword ptr [rsp - 64], 0
	jmp	.LBB1325_10
.LBB1325_5:
	lea	rdi, [rip + .Lanon.d18d9858e3762ac0cbdadf7f2aaa0d6a.1529]
	lea	rdx, [rip + .Lanon.d18d9858e3762ac0cbdadf7f2aaa0d6a.1530]
	mov	esi, 67
	call	qword ptr [rip + _RNvNtCsgEmfK2I1SDS_4core9panicking9panic_fmt@GOTPCREL]
