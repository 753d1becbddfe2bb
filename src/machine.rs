//! The one vocabulary for "which machine": an instruction set ([`Arch`]), a code-generation
//! target ([`Target`]: an instruction set with rustc's target features) and the platform a run
//! happens on ([`Platform`], detected once, in [`Platform::detect`]).
//!
//! The model layer turns a target or a platform into the model that judges it
//! (`Model::for_target`, `Model::for_platform`); this module knows no model.
//!
//! Platform detection: native x86_64 is `x86-tso`; native aarch64 is `armv8` (`armv8-rcpc`
//! when compiled with target feature `rcpc`, so that Acquire loads are LDAPR); aarch64 under
//! qemu-user on an x86_64 host is `qemu-x86`. qemu-user emulates the guest's system calls but
//! not sysfs, and passes the host's `/proc/cpuinfo` through: an aarch64 binary that finds an
//! x86 host there runs under qemu (docs/platforms.md). `ORDERLAB_PLATFORM=x86-tso|armv8|
//! armv8-rcpc|qemu-x86` overrides the detection.

use std::fmt;

/// An instruction set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Arch {
    X86_64,
    Aarch64,
}

impl Arch {
    pub const ALL: [Arch; 2] = [Arch::X86_64, Arch::Aarch64];

    /// `x86_64`, `aarch64`: the directory of its hand-written kernels under `asm/`.
    pub fn key(self) -> &'static str {
        match self {
            Arch::X86_64 => "x86_64",
            Arch::Aarch64 => "aarch64",
        }
    }

    /// The architecture this crate is compiled for, if the lab knows it.
    pub fn native() -> Option<Arch> {
        if cfg!(target_arch = "x86_64") {
            Some(Arch::X86_64)
        } else if cfg!(target_arch = "aarch64") {
            Some(Arch::Aarch64)
        } else {
            None
        }
    }
}

/// A code-generation target: an instruction set and the rustc target features that change
/// which instructions an atomic operation becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// x86_64: every load is a `mov`; SeqCst stores are `xchg`.
    X86_64,
    /// aarch64 with rustc's default features: Acquire loads are `ldar`, read-modify-writes
    /// are calls to the outline-atomics helpers.
    Aarch64,
    /// aarch64 with `+rcpc` (e.g. `-C target-cpu=neoverse-n1`): Acquire loads are `ldapr`.
    Aarch64Rcpc,
    /// aarch64 with `+lse`: read-modify-writes are inline LSE instructions (`casal`, ...).
    Aarch64Lse,
}

impl Target {
    pub const ALL: [Target; 4] = [
        Target::X86_64,
        Target::Aarch64,
        Target::Aarch64Rcpc,
        Target::Aarch64Lse,
    ];

    /// `x86_64`, `aarch64`, `aarch64+rcpc`, `aarch64+lse`: the command line's spelling and the
    /// snapshot directory name.
    pub fn key(self) -> &'static str {
        match self {
            Target::X86_64 => "x86_64",
            Target::Aarch64 => "aarch64",
            Target::Aarch64Rcpc => "aarch64+rcpc",
            Target::Aarch64Lse => "aarch64+lse",
        }
    }

    pub fn from_key(s: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.key() == s)
    }

    pub fn arch(self) -> Arch {
        match self {
            Target::X86_64 => Arch::X86_64,
            _ => Arch::Aarch64,
        }
    }

    pub fn is_aarch64(self) -> bool {
        self.arch() == Arch::Aarch64
    }

    /// The rustc target triple.
    pub fn triple(self) -> &'static str {
        match self.arch() {
            Arch::X86_64 => "x86_64-unknown-linux-gnu",
            Arch::Aarch64 => "aarch64-unknown-linux-gnu",
        }
    }

    /// The target this crate is compiled for (x86_64 elsewhere).
    pub fn native() -> Target {
        if cfg!(target_arch = "aarch64") {
            if cfg!(target_feature = "rcpc") {
                Target::Aarch64Rcpc
            } else if cfg!(target_feature = "lse") {
                Target::Aarch64Lse
            } else {
                Target::Aarch64
            }
        } else {
            Target::X86_64
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A platform a run happens on: the machine, and for emulated code how it is executed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Platform {
    /// Native x86_64.
    X86Tso,
    /// Native aarch64, rustc's default code (LDAR for Acquire loads).
    Armv8,
    /// Native aarch64 built with `+rcpc` (LDAPR for Acquire loads).
    Armv8Rcpc,
    /// aarch64 code under qemu-user on an x86_64 host.
    QemuX86,
    /// Any other architecture: judged against the language model.
    Other,
}

impl Platform {
    /// The platforms the lab has a model for.
    pub const KNOWN: [Platform; 4] = [
        Platform::X86Tso,
        Platform::Armv8,
        Platform::Armv8Rcpc,
        Platform::QemuX86,
    ];

    /// `x86-tso`, `armv8`, `armv8-rcpc`, `qemu-x86` (the key of the model column that judges
    /// the platform); `other`.
    pub fn key(self) -> &'static str {
        match self {
            Platform::X86Tso => "x86-tso",
            Platform::Armv8 => "armv8",
            Platform::Armv8Rcpc => "armv8-rcpc",
            Platform::QemuX86 => "qemu-x86",
            Platform::Other => "other",
        }
    }

    /// A known platform from its key.
    pub fn from_key(s: &str) -> Option<Platform> {
        Platform::KNOWN.into_iter().find(|p| p.key() == s)
    }

    /// In words.
    pub fn describe(self) -> &'static str {
        match self {
            Platform::X86Tso => "x86_64 (native)",
            Platform::Armv8 => "aarch64 (native)",
            Platform::Armv8Rcpc => "aarch64 with RCpc loads (native)",
            Platform::QemuX86 => "aarch64 under qemu-user on an x86_64 host",
            Platform::Other => "unknown architecture",
        }
    }

    /// Detect the platform (honours `ORDERLAB_PLATFORM`). An invalid override is an error.
    pub fn detect() -> Result<Platform, String> {
        match std::env::var("ORDERLAB_PLATFORM") {
            Ok(v) if !v.is_empty() => Platform::from_key(&v).ok_or_else(|| {
                format!(
                    "ORDERLAB_PLATFORM={v}: expected one of {}",
                    Platform::KNOWN.map(Platform::key).join(", ")
                )
            }),
            _ => Ok(Platform::detect_hw()),
        }
    }

    /// Detect from the hardware only.
    pub fn detect_hw() -> Platform {
        match Arch::native() {
            Some(Arch::X86_64) => Platform::X86Tso,
            Some(Arch::Aarch64) => {
                let modalias =
                    std::fs::read_to_string("/sys/devices/system/cpu/modalias").unwrap_or_default();
                let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
                if host_is_x86(&modalias, &cpuinfo) {
                    Platform::QemuX86
                } else if cfg!(target_feature = "rcpc") {
                    Platform::Armv8Rcpc
                } else {
                    Platform::Armv8
                }
            }
            None => Platform::Other,
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl serde::Serialize for Platform {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> serde::Deserialize<'de> for Platform {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let k = String::deserialize(d)?;
        match k.as_str() {
            "other" => Ok(Platform::Other),
            _ => Platform::from_key(&k).ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "unknown platform `{k}` (one of {}, other)",
                    Platform::KNOWN.map(Platform::key).join(", ")
                ))
            }),
        }
    }
}

/// Does the kernel's view of the CPU (sysfs modalias, /proc/cpuinfo) describe an x86 host?
pub(crate) fn host_is_x86(modalias: &str, cpuinfo: &str) -> bool {
    if modalias.starts_with("cpu:type:x86") {
        return true;
    }
    if modalias.starts_with("cpu:type:aarch64") || cpuinfo.contains("CPU implementer") {
        return false;
    }
    cpuinfo.lines().any(|l| {
        let key = l.split(':').next().unwrap_or("").trim();
        key == "vendor_id" || (key == "flags" && l.contains(" sse2"))
    })
}

/// The 1, 5 and 15 minute load averages, if the system reports them.
pub fn load_average() -> Option<[f64; 3]> {
    let s = std::fs::read_to_string("/proc/loadavg").ok()?;
    let mut it = s.split_whitespace().map(|x| x.parse::<f64>().ok());
    Some([it.next()??, it.next()??, it.next()??])
}

/// Usable cores (the affinity mask), at least 1.
pub fn cpus() -> usize {
    core_affinity::get_core_ids()
        .map(|c| c.len())
        .filter(|&n| n > 0)
        .or_else(|| std::thread::available_parallelism().ok().map(|n| n.get()))
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_detection() {
        assert!(host_is_x86("cpu:type:x86,ven0002fam001A", ""));
        assert!(host_is_x86(
            "",
            "processor\t: 0\nvendor_id\t: AuthenticAMD\n"
        ));
        assert!(!host_is_x86(
            "cpu:type:aarch64:feature:,0000",
            "vendor_id: x"
        ));
        assert!(!host_is_x86(
            "",
            "processor\t: 0\nCPU implementer\t: 0x41\n"
        ));
        assert!(!host_is_x86("", ""));
    }

    #[test]
    fn keys_round_trip() {
        for p in Platform::KNOWN {
            assert_eq!(Platform::from_key(p.key()), Some(p));
        }
        assert_eq!(Platform::from_key("arm"), None);
        assert_eq!(Platform::from_key("other"), None);
        for t in Target::ALL {
            assert_eq!(Target::from_key(t.key()), Some(t));
        }
        assert_eq!(Target::from_key("arm"), None);
    }
}
