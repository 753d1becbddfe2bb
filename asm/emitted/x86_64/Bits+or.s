# orderlab: emitted asm of Bits+or for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::bits_or::p0:
	lock or	dword ptr [rdi], 1
	ret

orderlab::suite::catalog::bits_or::p1:
	lock or	dword ptr [rdi], 2
	ret
