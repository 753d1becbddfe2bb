//! libFuzzer target: `orderlab::fuzzing::parse` (see its documentation for the properties).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| orderlab::fuzzing::parse(data));
