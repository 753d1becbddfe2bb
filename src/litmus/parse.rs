//! herd C parser
