//! Hand-written litmus kernels (`asm/<arch>/*.S`).
