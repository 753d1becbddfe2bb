//! The interpreter: runs any parsed litmus test (a file outside the catalog) by executing each
//! operation with its ordering through a `match`. Slower than the compiled catalog, and the
//! dispatch between operations may hide some reorderings; results are labelled "interpreted".

use crate::litmus::check::value;
use crate::litmus::{MemOrder, Op, Test, Value};
use crate::run::layout::Layout;
use crate::run::{Instances, Runnable};
use std::sync::atomic::{fence, AtomicI32, Ordering};

/// Most registers per thread the interpreter supports.
pub const MAX_REGS: usize = 32;

#[derive(Clone, Copy, Debug)]
enum IVal {
    Const(i32),
    Reg(usize),
}

#[derive(Clone, Debug)]
enum IOp {
    Local {
        reg: usize,
        val: IVal,
    },
    Load {
        reg: usize,
        loc: usize,
        ord: Ordering,
    },
    Store {
        loc: usize,
        val: IVal,
        ord: Ordering,
    },
    Fence {
        ord: Ordering,
    },
    Swap {
        reg: Option<usize>,
        loc: usize,
        val: IVal,
        ord: Ordering,
    },
    Add {
        reg: Option<usize>,
        loc: usize,
        val: IVal,
        ord: Ordering,
    },
    Cas {
        reg: Option<usize>,
        loc: usize,
        expected: usize,
        desired: IVal,
        success: Ordering,
        failure: Ordering,
    },
}

/// A std ordering from the AST's.
pub fn ordering(o: MemOrder) -> Ordering {
    match o {
        MemOrder::Relaxed => Ordering::Relaxed,
        MemOrder::Acquire => Ordering::Acquire,
        MemOrder::Release => Ordering::Release,
        MemOrder::AcqRel => Ordering::AcqRel,
        MemOrder::SeqCst => Ordering::SeqCst,
    }
}

/// A litmus test run by the interpreter.
pub struct Interpreted {
    test: Test,
    progs: Vec<Vec<IOp>>,
}

impl Interpreted {
    /// Check that the interpreter can run `test`; errors name the file, line and column.
    pub fn new(test: Test, path: Option<&str>) -> Result<Interpreted, String> {
        let file = path.map_or_else(|| test.name.clone(), str::to_string);
        crate::litmus::check::test(&test).map_err(|e| e.located(&file))?;
        let locs = test.locations_all();
        let mut progs = Vec::new();
        for th in &test.threads {
            let regs = th.registers();
            if regs.len() > MAX_REGS {
                return Err(format!(
                    "{file}:{}:{}: P{} has {} registers; the interpreter supports {MAX_REGS}",
                    th.span.line,
                    th.span.col,
                    th.index,
                    regs.len()
                ));
            }
            let mut prog = Vec::new();
            for st in &th.body {
                let at = |m: String| format!("{file}:{}:{}: {m}", st.span.line, st.span.col);
                let reg = |r: &str| {
                    regs.iter()
                        .position(|x| x == r)
                        .ok_or_else(|| at(format!("unknown register {r}")))
                };
                let loc = |l: &str| {
                    locs.iter()
                        .position(|x| x == l)
                        .ok_or_else(|| at(format!("unknown location {l}")))
                };
                let val = |v: &Value| -> Result<IVal, String> {
                    Ok(match v {
                        Value::Const(c) => IVal::Const(value(*c).map_err(at)?),
                        Value::Reg(r) => IVal::Reg(reg(r)?),
                    })
                };
                let opt = |r: &Option<String>| r.as_deref().map(reg).transpose();
                prog.push(match &st.op {
                    Op::Local { reg: r, val: v } => IOp::Local {
                        reg: reg(r)?,
                        val: val(v)?,
                    },
                    Op::Load {
                        reg: r,
                        loc: l,
                        ord,
                    } => IOp::Load {
                        reg: reg(r)?,
                        loc: loc(l)?,
                        ord: ordering(*ord),
                    },
                    Op::Store {
                        loc: l,
                        val: v,
                        ord,
                    } => IOp::Store {
                        loc: loc(l)?,
                        val: val(v)?,
                        ord: ordering(*ord),
                    },
                    Op::Fence { ord } => IOp::Fence {
                        ord: ordering(*ord),
                    },
                    Op::Exchange {
                        reg: r,
                        loc: l,
                        val: v,
                        ord,
                    } => IOp::Swap {
                        reg: opt(r)?,
                        loc: loc(l)?,
                        val: val(v)?,
                        ord: ordering(*ord),
                    },
                    Op::FetchAdd {
                        reg: r,
                        loc: l,
                        val: v,
                        ord,
                    } => IOp::Add {
                        reg: opt(r)?,
                        loc: loc(l)?,
                        val: val(v)?,
                        ord: ordering(*ord),
                    },
                    Op::CompareExchange {
                        reg: r,
                        loc: l,
                        expected,
                        desired,
                        success,
                        failure,
                    } => IOp::Cas {
                        reg: opt(r)?,
                        loc: loc(l)?,
                        expected: reg(expected)?,
                        desired: val(desired)?,
                        success: ordering(*success),
                        failure: ordering(*failure),
                    },
                });
            }
            progs.push(prog);
        }
        Layout::new(&test, 0)?;
        Ok(Interpreted { test, progs })
    }
}

impl Runnable for Interpreted {
    fn test(&self) -> &Test {
        &self.test
    }
    fn instances(&self, n: usize) -> Box<dyn Instances> {
        Box::new(InterpInstances {
            // `new` checked the layout already.
            layout: Layout::new(&self.test, n).expect("layout checked in Interpreted::new"),
            progs: self.progs.clone(),
        })
    }
}

struct InterpInstances {
    layout: Layout,
    progs: Vec<Vec<IOp>>,
}

#[inline(always)]
fn exec(prog: &[IOp], locs: &[crate::pad::Line<AtomicI32>], out: &[AtomicI32]) {
    let mut r = [0i32; MAX_REGS];
    let v = |r: &[i32; MAX_REGS], x: IVal| match x {
        IVal::Const(c) => c,
        IVal::Reg(k) => r[k],
    };
    for op in prog {
        match *op {
            IOp::Local { reg, val } => r[reg] = v(&r, val),
            IOp::Load { reg, loc, ord } => r[reg] = locs[loc].0.load(ord),
            IOp::Store { loc, val, ord } => locs[loc].0.store(v(&r, val), ord),
            IOp::Fence { ord } => fence(ord),
            IOp::Swap { reg, loc, val, ord } => {
                let old = locs[loc].0.swap(v(&r, val), ord);
                if let Some(k) = reg {
                    r[k] = old;
                }
            }
            IOp::Add { reg, loc, val, ord } => {
                let old = locs[loc].0.fetch_add(v(&r, val), ord);
                if let Some(k) = reg {
                    r[k] = old;
                }
            }
            IOp::Cas {
                reg,
                loc,
                expected,
                desired,
                success,
                failure,
            } => {
                let ok = match locs[loc].0.compare_exchange(
                    r[expected],
                    v(&r, desired),
                    success,
                    failure,
                ) {
                    Ok(_) => 1,
                    Err(cur) => {
                        r[expected] = cur;
                        0
                    }
                };
                if let Some(k) = reg {
                    r[k] = ok;
                }
            }
        }
    }
    crate::run::layout::store_regs(out, &r[..out.len()]);
}

impl Instances for InterpInstances {
    fn len(&self) -> usize {
        self.layout.len()
    }
    fn run(&self, thread: usize, instance: usize) {
        exec(
            &self.progs[thread],
            self.layout.locs(instance),
            self.layout.regs(thread, instance),
        );
    }
    fn outcome(&self, instance: usize, out: &mut [i64]) {
        self.layout.outcome(instance, out);
    }
    fn outcomes(&self, range: std::ops::Range<usize>, out: &mut [i64]) {
        self.layout.outcomes(range, out);
    }
    fn reset(&self) {
        self.layout.reset();
    }
    fn reset_part(&self, thread: usize, _threads: usize) {
        self.layout.reset_part(thread);
    }
    fn run_round(
        &self,
        thread: usize,
        ctx: &crate::run::RoundCtx<'_>,
    ) -> Result<(), crate::run::Aborted> {
        let prog = &self.progs[thread];
        crate::run::drive(ctx, |i| {
            exec(prog, self.layout.locs(i), self.layout.regs(thread, i))
        })
    }
}
