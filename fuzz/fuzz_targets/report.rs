//! libFuzzer target: `orderlab::fuzzing::report` (see its documentation for the properties).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| orderlab::fuzzing::report(data));
