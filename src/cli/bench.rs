//! `orderlab bench`: the runner's throughput on SB+rlx (iterations/s and weak outcomes/s) and
//! MP+rlx, next to litmus7's yardstick on the project's machines.

use super::{exit, outln, CliError};
use crate::machine::{load_average, Platform};
use crate::report::text::load_str;
use crate::run::{Budget, Config};
use crate::verdict;
use std::time::Duration;

/// litmus7 (herdtools7 7.58, `-a 2 -barrier userfence`) on the project's 2-core x86 machines:
/// 5–6.5 M iterations/s, about 0.5 M weak SB outcomes/s (see docs/platforms.md).
pub const LITMUS7_ITER_PER_S: (f64, f64) = (5.0e6, 6.5e6);
pub const LITMUS7_WEAK_SB_PER_S: f64 = 0.5e6;

#[derive(clap::Args, Debug, Default)]
pub struct Args {
    /// Seconds per measurement [default: 2].
    #[arg(long, short = 't')]
    pub time: Option<f64>,
    /// Repeat each measurement this many times and report each [default: 3].
    #[arg(long, short = 'r')]
    pub repeat: Option<usize>,
    /// Also measure SB+rlx with several instance counts per round.
    #[arg(long)]
    pub configs: bool,
}

struct Measure {
    iter_per_s: f64,
    target_per_s: f64,
    target_frac: f64,
    delta_ns: f64,
}

fn measure(name: &str, cfg: &Config) -> Result<Measure, CliError> {
    let tests = crate::suite::select(&[name.to_string()]).map_err(CliError::bad_input)?;
    let entry = &tests[0];
    let run = crate::run::run(entry.runnable(), cfg).map_err(|e| CliError::bad_input(e.0))?;
    let observed = verdict::observed(entry.test(), &run.histogram);
    let secs = run.elapsed.as_secs_f64().max(1e-9);
    Ok(Measure {
        iter_per_s: run.iterations as f64 / secs,
        target_per_s: observed as f64 / secs,
        target_frac: observed as f64 / run.iterations.max(1) as f64,
        delta_ns: run.delta_ns,
    })
}

pub fn main(args: Args) -> Result<u8, CliError> {
    let platform = Platform::detect().map_err(CliError::bad_input)?;
    let secs = args.time.unwrap_or(2.0);
    if !(secs.is_finite() && secs > 0.0 && secs < 1e6) {
        return Err(CliError::bad_input(
            "--time must be a positive number of seconds",
        ));
    }
    let repeat = args.repeat.unwrap_or(3).max(1);
    let base = Config {
        budget: Budget::Time(Duration::from_secs_f64(secs)),
        ..Config::default()
    };
    outln!(
        "orderlab bench: platform {} ({}), {} cpus, load {}, sync {}, {} instances/round",
        platform.key(),
        platform.describe(),
        crate::machine::cpus(),
        load_str(load_average()),
        base.sync.name(),
        base.instances
    );
    let mut best_sb: Option<Measure> = None;
    let mut weak_rates = Vec::with_capacity(repeat);
    for k in 0..repeat {
        let m = measure("SB+rlx", &base)?;
        weak_rates.push(m.target_per_s);
        outln!(
            "SB+rlx  run {}: {:6.2} M iterations/s, {:6.2} M weak outcomes/s ({:5.1}% weak, final delta {:.0} ns)",
            k + 1,
            m.iter_per_s / 1e6,
            m.target_per_s / 1e6,
            m.target_frac * 100.0,
            m.delta_ns
        );
        if best_sb
            .as_ref()
            .is_none_or(|b| m.target_per_s > b.target_per_s)
        {
            best_sb = Some(m);
        }
    }
    for k in 0..repeat {
        let m = measure("MP+rlx", &base)?;
        outln!(
            "MP+rlx  run {}: {:6.2} M iterations/s, {:6.2} M weak outcomes/s ({:5.1}% weak)",
            k + 1,
            m.iter_per_s / 1e6,
            m.target_per_s / 1e6,
            m.target_frac * 100.0
        );
    }
    if args.configs {
        for (split_reset, delta_search) in
            [(true, true), (false, true), (true, false), (false, false)]
        {
            let cfg = Config {
                split_reset,
                delta_search,
                ..base.clone()
            };
            let m = measure("SB+rlx", &cfg)?;
            outln!(
                "SB+rlx  reset by {:6}, delta {:13}: {:6.2} M iterations/s, {:6.2} M weak/s ({:5.1}% weak, delta {:.0} ns)",
                if split_reset { "reader" } else { "P0" },
                if delta_search { "searched" } else { "fastest pace" },
                m.iter_per_s / 1e6,
                m.target_per_s / 1e6,
                m.target_frac * 100.0,
                m.delta_ns
            );
        }
        for n in [256, 1024, 4096, 16384] {
            let cfg = Config {
                instances: n,
                ..base.clone()
            };
            let m = measure("SB+rlx", &cfg)?;
            outln!(
                "SB+rlx  {n:5} instances/round: {:6.2} M iterations/s, {:6.2} M weak/s ({:5.1}% weak)",
                m.iter_per_s / 1e6,
                m.target_per_s / 1e6,
                m.target_frac * 100.0
            );
        }
    }
    if platform != Platform::X86Tso {
        outln!(
            "\nnote: the yardstick was measured natively on x86_64; this run is on {} ({}), \
             not comparable (qemu-user runs 2-4x slower than native).",
            platform.key(),
            platform.describe()
        );
    }
    if let Some(b) = best_sb {
        outln!(
            "\nyardstick (litmus7 on the project's 2-core x86 VMs): {:.1}-{:.1} M iterations/s, {:.1} M weak SB outcomes/s",
            LITMUS7_ITER_PER_S.0 / 1e6,
            LITMUS7_ITER_PER_S.1 / 1e6,
            LITMUS7_WEAK_SB_PER_S / 1e6
        );
        weak_rates.sort_by(f64::total_cmp);
        outln!(
            "median SB+rlx here over {} runs: {:.2}x litmus7's weak outcomes/s",
            weak_rates.len(),
            weak_rates[weak_rates.len() / 2] / LITMUS7_WEAK_SB_PER_S
        );
        outln!(
            "best SB+rlx here: {:.2}x litmus7's weak outcomes/s (target 10x), {:.2}x its best iterations/s (target 1x); load {}",
            b.target_per_s / LITMUS7_WEAK_SB_PER_S,
            b.iter_per_s / LITMUS7_ITER_PER_S.1,
            load_str(load_average())
        );
    }
    Ok(exit::OK)
}
