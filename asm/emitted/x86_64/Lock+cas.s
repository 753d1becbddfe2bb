# orderlab: emitted asm of Lock+cas for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::lock_cas::p0:
	mov	eax, dword ptr [rdx]
	mov	ecx, 1
	lock cmpxchg	dword ptr [rdi], ecx
	jne	.LBB1649_1
	mov	eax, dword ptr [rsi]
	lea	ecx, [rax + 1]
	mov	dword ptr [rsi], ecx
	mov	dword ptr [rdi], 0
	shl	rax, 32
	inc	rax
	ret
.LBB1649_1:
	mov	dword ptr [rdx], eax
	xor	eax, eax
	ret

orderlab::suite::catalog::lock_cas::p1:
	mov	eax, dword ptr [rdx]
	mov	ecx, 1
	lock cmpxchg	dword ptr [rdi], ecx
	jne	.LBB1649_1
	mov	eax, dword ptr [rsi]
	lea	ecx, [rax + 1]
	mov	dword ptr [rsi], ecx
	mov	dword ptr [rdi], 0
	shl	rax, 32
	inc	rax
	ret
.LBB1649_1:
	mov	dword ptr [rdx], eax
	xor	eax, eax
	ret
