# orderlab: emitted asm of TestAndSet+sc for aarch64+lse (rustc --release, codegen-units=1, -C target-feature=+lse)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::testandset_sc::p0:
	mov	w8, #1
	swpal	w8, w0, [x0]
	ret

orderlab::suite::catalog::testandset_sc::p1:
	mov	w8, #1
	swpal	w8, w0, [x0]
	ret
