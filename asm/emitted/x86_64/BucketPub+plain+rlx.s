# orderlab: emitted asm of BucketPub+plain+rlx for x86_64 (rustc --release, codegen-units=1, -C llvm-args=-x86-asm-syntax=intel)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::bucketpub_plain_rlx::p0:
	mov	dword ptr [rdi], 1
	mov	dword ptr [rsi], 2
	mov	dword ptr [rdx], 3
	mov	dword ptr [rcx], 1
	ret

orderlab::suite::catalog::bucketpub_plain_rlx::p1:
	mov	rax, rdi
	mov	edi, dword ptr [r8]
	mov	r8d, -1
	mov	r9d, -1
	mov	r10d, -1
	cmp	edi, 1
	jne	.LBB1582_2
	mov	r10d, dword ptr [rsi]
	mov	r9d, dword ptr [rdx]
	mov	r8d, dword ptr [rcx]
.LBB1582_2:
	mov	dword ptr [rax], edi
	mov	dword ptr [rax + 4], r10d
	mov	dword ptr [rax + 8], r9d
	mov	dword ptr [rax + 12], r8d
	ret
