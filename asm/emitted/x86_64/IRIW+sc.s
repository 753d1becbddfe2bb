# orderlab: emitted asm of IRIW+sc for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::iriw_sc::p0:
	mov	eax, 1
	xchg	dword ptr [rdi], eax
	ret

orderlab::suite::catalog::iriw_sc::p1:
	mov	eax, dword ptr [rdi]
	mov	ecx, dword ptr [rsi]
	shl	rcx, 32
	or	rax, rcx
	ret

orderlab::suite::catalog::iriw_sc::p2:
	mov	eax, 1
	xchg	dword ptr [rdi], eax
	ret

orderlab::suite::catalog::iriw_sc::p3:
	mov	eax, dword ptr [rsi]
	mov	ecx, dword ptr [rdi]
	shl	rcx, 32
	or	rax, rcx
	ret
