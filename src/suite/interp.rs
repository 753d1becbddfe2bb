//! The interpreter: runs any parsed litmus test (a file outside the catalog) by executing each
//! operation with its ordering through a `match`, `if`s and expressions included, with the
//! std atomic operations the generated code uses (plain accesses as Relaxed ones). Slower
//! than the compiled catalog, and the dispatch between operations may hide some reorderings;
//! results are labelled "interpreted". The execution is generic over the `sync` shim's named
//! backends: the checkers (`crate::checkers`) run the same programs on loom and shuttle.

use crate::litmus::check::value;
use crate::litmus::{BinOp, Expected, Expr, MemOrder, Op, RmwOp, Stmt, Test, UnOp};
use crate::run::layout::Layout;
use crate::run::{Instances, Runnable};
use crate::sync::named::{Backend, Int, Std};
use std::ops::Deref;
use std::sync::atomic::{AtomicI32, Ordering};

/// Most registers per thread the interpreter supports.
pub const MAX_REGS: usize = 32;

/// An expression with registers and locations numbered.
#[derive(Clone, Debug)]
pub(crate) enum IExpr {
    Const(i32),
    Reg(usize),
    Load { loc: usize, ord: Ordering },
    Un(UnOp, Box<IExpr>),
    Bin(BinOp, Box<IExpr>, Box<IExpr>),
}

#[derive(Clone, Debug)]
pub(crate) enum IExpected {
    Reg(usize),
    Loc(usize),
}

#[derive(Clone, Debug)]
pub(crate) enum IOp {
    Set {
        reg: usize,
        val: IExpr,
    },
    Store {
        loc: usize,
        val: IExpr,
        ord: Ordering,
    },
    Fence {
        ord: Ordering,
    },
    Rmw {
        reg: Option<usize>,
        op: RmwOp,
        loc: usize,
        val: IExpr,
        ord: Ordering,
    },
    Cas {
        reg: Option<usize>,
        loc: usize,
        expected: IExpected,
        desired: IExpr,
        success: Ordering,
        failure: Ordering,
        weak: bool,
    },
    If {
        cond: IExpr,
        then: Vec<IOp>,
        els: Vec<IOp>,
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

/// The ordering a plain access runs with: Relaxed (README: plain accesses).
fn plain(o: Option<MemOrder>) -> Ordering {
    o.map_or(Ordering::Relaxed, ordering)
}

/// A litmus test run by the interpreter.
pub struct Interpreted {
    test: Test,
    progs: Vec<Vec<IOp>>,
}

/// Numbers registers and locations of one thread.
struct Names<'a> {
    file: &'a str,
    regs: Vec<String>,
    locs: &'a [String],
}

impl Names<'_> {
    fn at(&self, st: &Stmt, m: String) -> String {
        format!("{}:{}:{}: {m}", self.file, st.span.line, st.span.col)
    }
    fn reg(&self, st: &Stmt, r: &str) -> Result<usize, String> {
        self.regs
            .iter()
            .position(|x| x == r)
            .ok_or_else(|| self.at(st, format!("unknown register {r}")))
    }
    fn loc(&self, st: &Stmt, l: &str) -> Result<usize, String> {
        self.locs
            .iter()
            .position(|x| x == l)
            .ok_or_else(|| self.at(st, format!("unknown location {l}")))
    }
    fn expr(&self, st: &Stmt, e: &Expr) -> Result<IExpr, String> {
        Ok(match e {
            Expr::Const(c) => IExpr::Const(value(*c).map_err(|m| self.at(st, m))?),
            Expr::Reg(r) => IExpr::Reg(self.reg(st, r)?),
            Expr::Load { loc, ord } => IExpr::Load {
                loc: self.loc(st, loc)?,
                ord: plain(*ord),
            },
            Expr::Unary(op, a) => IExpr::Un(*op, Box::new(self.expr(st, a)?)),
            Expr::Binary(op, a, b) => IExpr::Bin(
                *op,
                Box::new(self.expr(st, a)?),
                Box::new(self.expr(st, b)?),
            ),
        })
    }
    fn block(&self, body: &[Stmt]) -> Result<Vec<IOp>, String> {
        body.iter().map(|st| self.op(st)).collect()
    }
    fn op(&self, st: &Stmt) -> Result<IOp, String> {
        let dst =
            |d: &Option<crate::litmus::Dst>| d.as_ref().map(|d| self.reg(st, &d.reg)).transpose();
        Ok(match &st.op {
            Op::Assign { reg, val, .. } => IOp::Set {
                reg: self.reg(st, reg)?,
                val: self.expr(st, val)?,
            },
            Op::Store { loc, val, ord } => IOp::Store {
                loc: self.loc(st, loc)?,
                val: self.expr(st, val)?,
                ord: plain(*ord),
            },
            Op::Fence { ord } => IOp::Fence {
                ord: ordering(*ord),
            },
            Op::Rmw {
                dst: d,
                op,
                loc,
                val,
                ord,
            } => IOp::Rmw {
                reg: dst(d)?,
                op: *op,
                loc: self.loc(st, loc)?,
                val: self.expr(st, val)?,
                ord: ordering(*ord),
            },
            Op::CompareExchange {
                dst: d,
                loc,
                expected,
                desired,
                success,
                failure,
                weak,
            } => IOp::Cas {
                reg: dst(d)?,
                loc: self.loc(st, loc)?,
                expected: match expected {
                    Expected::Reg(r) => IExpected::Reg(self.reg(st, r)?),
                    Expected::Loc(l) => IExpected::Loc(self.loc(st, l)?),
                },
                desired: self.expr(st, desired)?,
                success: ordering(*success),
                failure: ordering(*failure),
                weak: *weak,
            },
            Op::If { cond, then, els } => IOp::If {
                cond: self.expr(st, cond)?,
                then: self.block(then)?,
                els: self.block(els)?,
            },
        })
    }
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
            let names = Names {
                file: &file,
                regs,
                locs: &locs,
            };
            progs.push(names.block(&th.body)?);
        }
        Layout::new(&test, 0)?;
        Ok(Interpreted { test, progs })
    }
}

impl Interpreted {
    /// Each thread's program (positions in `Test::threads`).
    pub(crate) fn programs(&self) -> &[Vec<IOp>] {
        &self.progs
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

/// The value of an expression: operands left to right, as the generated code computes them.
fn eval<B: Backend, L: Deref<Target = B::Int>>(e: &IExpr, r: &[i32; MAX_REGS], locs: &[L]) -> i32 {
    match e {
        IExpr::Const(c) => *c,
        IExpr::Reg(k) => r[*k],
        IExpr::Load { loc, ord } => locs[*loc].load(*ord),
        IExpr::Un(op, a) => op.apply(eval::<B, L>(a, r, locs)),
        IExpr::Bin(op, a, b) => {
            let x = eval::<B, L>(a, r, locs);
            let y = eval::<B, L>(b, r, locs);
            op.apply(x, y)
        }
    }
}

/// Run a block: each operation with the atomic operation the generated code uses.
fn run<B: Backend, L: Deref<Target = B::Int>>(prog: &[IOp], r: &mut [i32; MAX_REGS], locs: &[L]) {
    for op in prog {
        match op {
            IOp::Set { reg, val } => r[*reg] = eval::<B, L>(val, r, locs),
            IOp::Store { loc, val, ord } => locs[*loc].store(eval::<B, L>(val, r, locs), *ord),
            IOp::Fence { ord } => B::fence(*ord),
            IOp::Rmw {
                reg,
                op,
                loc,
                val,
                ord,
            } => {
                let v = eval::<B, L>(val, r, locs);
                let a = &locs[*loc];
                let old = match op {
                    RmwOp::Xchg => a.swap(v, *ord),
                    RmwOp::Add => a.fetch_add(v, *ord),
                    RmwOp::Sub => a.fetch_sub(v, *ord),
                    RmwOp::Or => a.fetch_or(v, *ord),
                    RmwOp::And => a.fetch_and(v, *ord),
                    RmwOp::Xor => a.fetch_xor(v, *ord),
                };
                if let Some(k) = reg {
                    r[*k] = old;
                }
            }
            IOp::Cas {
                reg,
                loc,
                expected,
                desired,
                success,
                failure,
                weak,
            } => {
                // herd7's form reads the expected location (plain) first.
                let exp = match expected {
                    IExpected::Reg(k) => r[*k],
                    IExpected::Loc(l) => locs[*l].load(Ordering::Relaxed),
                };
                let d = eval::<B, L>(desired, r, locs);
                let a = &locs[*loc];
                let res = if *weak {
                    a.compare_exchange_weak(exp, d, *success, *failure)
                } else {
                    a.compare_exchange(exp, d, *success, *failure)
                };
                let ok = match res {
                    Ok(_) => 1,
                    Err(cur) => {
                        match expected {
                            IExpected::Reg(k) => r[*k] = cur,
                            IExpected::Loc(l) => locs[*l].store(cur, Ordering::Relaxed),
                        }
                        0
                    }
                };
                if let Some(k) = reg {
                    r[*k] = ok;
                }
            }
            IOp::If { cond, then, els } => {
                if eval::<B, L>(cond, r, locs) != 0 {
                    run::<B, L>(then, r, locs)
                } else {
                    run::<B, L>(els, r, locs)
                }
            }
        }
    }
}

/// Run one thread's program on `locs` (any backend); its registers, in
/// `Thread::registers()` order, then zeros.
#[inline(always)]
pub(crate) fn execute<B: Backend, L: Deref<Target = B::Int>>(
    prog: &[IOp],
    locs: &[L],
) -> [i32; MAX_REGS] {
    let mut r = [0i32; MAX_REGS];
    run::<B, L>(prog, &mut r, locs);
    r
}

#[inline(always)]
fn exec(prog: &[IOp], locs: &[crate::pad::Line<AtomicI32>], out: &[AtomicI32]) {
    let r = execute::<Std, _>(prog, locs);
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
