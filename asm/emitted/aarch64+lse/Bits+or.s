# orderlab: emitted asm of Bits+or for aarch64+lse (rustc --release, codegen-units=1, -C target-feature=+lse)
# Regenerate with `ci/asm.sh --bless`; CI compares ordering signatures, not this text.

orderlab::suite::catalog::bits_or::p0:
	mov	w8, #1
	ldset	w8, w8, [x0]
	ret

orderlab::suite::catalog::bits_or::p1:
	mov	w8, #2
	ldset	w8, w8, [x0]
	ret
