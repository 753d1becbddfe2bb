# orderlab: emitted asm of MP+sc for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::mp_sc::p0:
	mov	eax, 1
	xchg	dword ptr [rdi], eax
	mov	eax, 1
	xchg	dword ptr [rsi], eax
	ret

orderlab::suite::catalog::mp_sc::p1:
	mov	eax, dword ptr [rsi]
	mov	ecx, dword ptr [rdi]
	shl	rcx, 32
	or	rax, rcx
	ret
