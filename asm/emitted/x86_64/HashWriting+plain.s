# orderlab: emitted asm of HashWriting+plain for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::hashwriting_plain::p0:
	mov	ecx, dword ptr [rdi]
	test	cl, 4
	jne	.LBB1578_1
	mov	eax, ecx
	or	eax, 4
	mov	dword ptr [rdi], eax
	xor	eax, eax
	or	rax, rcx
	ret
.LBB1578_1:
	movabs	rax, 4294967296
	or	rax, rcx
	ret

orderlab::suite::catalog::hashwriting_plain::p1:
	mov	ecx, dword ptr [rdi]
	test	cl, 4
	jne	.LBB1578_1
	mov	eax, ecx
	or	eax, 4
	mov	dword ptr [rdi], eax
	xor	eax, eax
	or	rax, rcx
	ret
.LBB1578_1:
	movabs	rax, 4294967296
	or	rax, rcx
	ret
