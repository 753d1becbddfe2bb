//! Which machine the runner is on, and so which model column judges what it observed.
//!
//! * native x86_64 → `x86-tso`;
//! * native aarch64 → `armv8` (`armv8-rcpc` when compiled with target feature `rcpc`, so that
//!   Acquire loads are LDAPR);
//! * aarch64 under qemu-user on an x86_64 host → `qemu-x86`.
//!
//! qemu-user emulates the guest's system calls but not sysfs, and qemu 7.2 passes the host's
//! `/proc/cpuinfo` through: an aarch64 binary that finds an x86 host there is under qemu.
//! `ORDERLAB_PLATFORM=x86-tso|armv8|armv8-rcpc|qemu-x86` overrides the detection.

use std::fmt;

/// A hardware platform; its [`Platform::model`] key names the model column that applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Platform {
    X86Tso,
    Armv8,
    Armv8Rcpc,
    QemuX86,
    /// Any other target: judged against the language model (C11).
    Other,
}

impl Platform {
    pub const KEYS: [&'static str; 4] = ["x86-tso", "armv8", "armv8-rcpc", "qemu-x86"];

    /// The model key of this platform (`rc11 c11 sc x86-tso armv8 armv8-rcpc qemu-x86`).
    pub fn model(self) -> &'static str {
        match self {
            Platform::X86Tso => "x86-tso",
            Platform::Armv8 => "armv8",
            Platform::Armv8Rcpc => "armv8-rcpc",
            Platform::QemuX86 => "qemu-x86",
            Platform::Other => "c11",
        }
    }

    pub fn from_key(s: &str) -> Option<Platform> {
        match s {
            "x86-tso" => Some(Platform::X86Tso),
            "armv8" => Some(Platform::Armv8),
            "armv8-rcpc" => Some(Platform::Armv8Rcpc),
            "qemu-x86" => Some(Platform::QemuX86),
            _ => None,
        }
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
                    Platform::KEYS.join(", ")
                )
            }),
            _ => Ok(Platform::detect_hw()),
        }
    }

    /// Detect from the hardware only.
    pub fn detect_hw() -> Platform {
        if cfg!(target_arch = "x86_64") {
            Platform::X86Tso
        } else if cfg!(target_arch = "aarch64") {
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
        } else {
            Platform::Other
        }
    }
}

/// Does the kernel's view of the CPU (sysfs modalias, /proc/cpuinfo) describe an x86 host?
pub fn host_is_x86(modalias: &str, cpuinfo: &str) -> bool {
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

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.model())
    }
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
        for k in Platform::KEYS {
            assert_eq!(Platform::from_key(k).unwrap().model(), k);
        }
        assert_eq!(Platform::from_key("arm"), None);
    }
}
