//! `__rust_probestack` for wasmer-vm 4.x on current toolchains.
//!
//! wasmer-vm 4.4 takes the address of `__rust_probestack` (for compilers
//! that emit stack probes; singlepass, used here, emits none), but current
//! Rust toolchains no longer export that symbol from `compiler_builtins`, so
//! linking fails. This defines it as a weak symbol (a toolchain that still
//! has it wins) with the standard x86_64 implementation: probe every page
//! of the `rax` bytes about to be allocated, preserving all registers.

#[cfg(all(target_arch = "x86_64", target_os = "linux"))]
std::arch::global_asm!(
    ".text",
    ".weak __rust_probestack",
    ".type __rust_probestack,@function",
    "__rust_probestack:",
    "push rbp",
    "mov rbp, rsp",
    "mov r11, rax",
    "cmp r11, 0x1000",
    "jna 3f",
    "2:",
    "sub rsp, 0x1000",
    "test qword ptr [rsp + 8], rsp",
    "sub r11, 0x1000",
    "cmp r11, 0x1000",
    "ja 2b",
    "3:",
    "sub rsp, r11",
    "test qword ptr [rsp + 8], rsp",
    "add rsp, rax",
    "leave",
    "ret",
    ".size __rust_probestack, . - __rust_probestack",
);
