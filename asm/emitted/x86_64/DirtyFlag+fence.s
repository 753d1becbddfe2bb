# orderlab: emitted asm of DirtyFlag+fence for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::dirtyflag_fence::p0:
	mov	dword ptr [rsi], 1
	lock or	dword ptr [rsp - 64], 0
	mov	eax, dword ptr [rdi]
	ret

orderlab::suite::catalog::dirtyflag_fence::p1:
	mov	dword ptr [rdi], 1
	lock or	dword ptr [rsp - 64], 0
	mov	eax, dword ptr [rsi]
	ret
