# orderlab: emitted asm of LB+ctrl for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::lb_ctrl::p0:
	mov	eax, dword ptr [rdi]
	cmp	eax, 1
	jne	.LBB1630_2
	mov	dword ptr [rsi], 1
.LBB1630_2:
	ret

orderlab::suite::catalog::lb_ctrl::p1:
	mov	eax, dword ptr [rsi]
	cmp	eax, 1
	jne	.LBB1631_2
	mov	dword ptr [rdi], 1
.LBB1631_2:
	ret
