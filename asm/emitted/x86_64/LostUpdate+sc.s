# orderlab: emitted asm of LostUpdate+sc for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::lostupdate_sc::p0:
	mov	eax, dword ptr [rdi]
	lea	ecx, [rax + 1]
	xchg	dword ptr [rdi], ecx
	ret

orderlab::suite::catalog::lostupdate_sc::p1:
	mov	eax, dword ptr [rdi]
	lea	ecx, [rax + 1]
	xchg	dword ptr [rdi], ecx
	ret
