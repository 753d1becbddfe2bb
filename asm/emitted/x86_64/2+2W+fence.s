# orderlab: emitted asm of 2+2W+fence for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::t_2_2w_fence::p0:
	mov	dword ptr [rdi], 1
	lock or	dword ptr [rsp - 64], 0
	mov	dword ptr [rsi], 2
	ret

orderlab::suite::catalog::t_2_2w_fence::p1:
	mov	dword ptr [rsi], 1
	lock or	dword ptr [rsp - 64], 0
	mov	dword ptr [rdi], 2
	ret
