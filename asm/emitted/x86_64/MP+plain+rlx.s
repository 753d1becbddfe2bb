# orderlab: emitted asm of MP+plain+rlx for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::mp_plain_rlx::p0:
	mov	dword ptr [rdi], 42
	mov	dword ptr [rsi], 1
	ret

orderlab::suite::catalog::mp_plain_rlx::p1:
	mov	ecx, dword ptr [rsi]
	cmp	ecx, 1
	jne	.LBB1539_1
	mov	eax, dword ptr [rdi]
	shl	rax, 32
	or	rax, rcx
	ret
.LBB1539_1:
	movabs	rax, -4294967296
	or	rax, rcx
	ret
