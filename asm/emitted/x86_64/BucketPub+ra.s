# orderlab: emitted asm of BucketPub+ra for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::bucketpub_ra::p0:
	mov	dword ptr [rdi], 1
	mov	dword ptr [rsi], 2
	mov	dword ptr [rdx], 3
	mov	dword ptr [rcx], 1
	ret

orderlab::suite::catalog::bucketpub_ra::p1:
	mov	rax, rdi
	mov	edi, dword ptr [r8]
	mov	esi, dword ptr [rsi]
	mov	edx, dword ptr [rdx]
	mov	ecx, dword ptr [rcx]
	mov	dword ptr [rax], edi
	mov	dword ptr [rax + 4], esi
	mov	dword ptr [rax + 8], edx
	mov	dword ptr [rax + 12], ecx
	ret
