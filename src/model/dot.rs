//! DOT output (in progress).
