# orderlab: emitted asm of IRIW+fence for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::iriw_fence::p0:
	mov	dword ptr [rdi], 1
	ret

orderlab::suite::catalog::iriw_fence::p1:
	mov	eax, dword ptr [rdi]
	lock or	dword ptr [rsp - 64], 0
	mov	ecx, dword ptr [rsi]
	shl	rcx, 32
	or	rax, rcx
	ret

orderlab::suite::catalog::iriw_fence::p2:
	mov	dword ptr [rdi], 1
	ret

orderlab::suite::catalog::iriw_fence::p3:
	mov	eax, dword ptr [rsi]
	lock or	dword ptr [rsp - 64], 0
	mov	ecx, dword ptr [rdi]
	shl	rcx, 32
	or	rax, rcx
	ret
