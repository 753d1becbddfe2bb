# orderlab: emitted asm of CheckThenSet+if for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::checkthenset_if::p0:
	mov	eax, dword ptr [rdi]
	test	eax, eax
	je	.LBB1565_1
	ret
.LBB1565_1:
	mov	ecx, 1
	xchg	dword ptr [rdi], ecx
	lock inc	dword ptr [rsi]
	ret

orderlab::suite::catalog::checkthenset_if::p1:
	mov	eax, dword ptr [rdi]
	test	eax, eax
	je	.LBB1565_1
	ret
.LBB1565_1:
	mov	ecx, 1
	xchg	dword ptr [rdi], ecx
	lock inc	dword ptr [rsi]
	ret
