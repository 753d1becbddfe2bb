# orderlab: emitted asm of IsEmpty+sc for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::isempty_sc::p0:
	xor	eax, eax
	xchg	dword ptr [rdi], eax
	mov	eax, 1
	xchg	dword ptr [rsi], eax
	ret

orderlab::suite::catalog::isempty_sc::p1:
	mov	eax, dword ptr [rdi]
	mov	ecx, dword ptr [rsi]
	shl	rcx, 32
	or	rax, rcx
	ret
