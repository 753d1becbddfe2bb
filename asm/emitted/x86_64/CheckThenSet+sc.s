# orderlab: emitted asm of CheckThenSet+sc for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::checkthenset_sc::p0:
	mov	eax, dword ptr [rdi]
	mov	ecx, 1
	xchg	dword ptr [rdi], ecx
	ret

orderlab::suite::catalog::checkthenset_sc::p1:
	mov	eax, dword ptr [rdi]
	mov	ecx, 1
	xchg	dword ptr [rdi], ecx
	ret
