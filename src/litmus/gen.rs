//! Random litmus tests from a seed, deterministic: the differential tests' inputs (the
//! committed corpus `tests/data/differential/` and the property tests). Every test uses the
//! language's constructs (plain and atomic accesses, every read-modify-write, both
//! compare-exchange forms, `if`/`else`, expressions) with values at the extremes of `i32`,
//! and obeys `litmus::check` by construction.

use super::ast::*;

/// The values at the edges of 32-bit arithmetic.
pub const EXTREMES: [i64; 5] = [i32::MIN as i64, -1, 0, 1, i32::MAX as i64];

/// What a generated test may contain.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Weak compare-exchanges (they may fail spuriously on LL/SC hardware, so serial runs of
    /// compiled and interpreted code may differ there).
    pub weak_cas: bool,
    /// Most threads (2 or more).
    pub threads: usize,
    /// Most top-level statements per thread.
    pub stmts: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            weak_cas: false,
            threads: 3,
            stmts: 4,
        }
    }
}

/// splitmix64: a small, well-mixed deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<T: Clone>(&mut self, v: &[T]) -> T {
        v[self.below(v.len())].clone()
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const LOCS: [&str; 3] = ["x", "y", "z"];
const LOAD_ORDS: [Option<MemOrder>; 4] = [
    None,
    Some(MemOrder::Relaxed),
    Some(MemOrder::Acquire),
    Some(MemOrder::SeqCst),
];
const STORE_ORDS: [Option<MemOrder>; 4] = [
    None,
    Some(MemOrder::Relaxed),
    Some(MemOrder::Release),
    Some(MemOrder::SeqCst),
];
const FENCES: [MemOrder; 4] = [
    MemOrder::Acquire,
    MemOrder::Release,
    MemOrder::AcqRel,
    MemOrder::SeqCst,
];

/// The generator's state for one thread.
struct Gen<'r> {
    rng: &'r mut Rng,
    opts: Options,
    /// Registers in scope.
    regs: Vec<String>,
    next: usize,
}

impl Gen<'_> {
    fn value(&mut self) -> Expr {
        Expr::Const(self.rng.pick(&EXTREMES))
    }

    /// An expression over registers, constants and (when `loads`) loads, at most `depth` deep.
    fn expr(&mut self, depth: usize, loads: bool) -> Expr {
        if depth == 0 || self.rng.chance(40) {
            return match self.rng.below(4) {
                0 | 1 if !self.regs.is_empty() => Expr::Reg(self.rng.pick(&self.regs)),
                2 if loads => Expr::Load {
                    loc: self.rng.pick(&LOCS).into(),
                    ord: self.rng.pick(&LOAD_ORDS),
                },
                _ => self.value(),
            };
        }
        if self.rng.chance(10) {
            let op = self.rng.pick(&[UnOp::Neg, UnOp::Not]);
            return Expr::Unary(op, Box::new(self.expr(depth - 1, loads)));
        }
        let op = self.rng.pick(&BinOp::ALL);
        let a = self.expr(depth - 1, loads);
        let b = self.expr(depth - 1, loads && !op.short_circuits());
        Expr::bin(op, a, b)
    }

    fn fresh(&mut self) -> String {
        self.next += 1;
        format!("r{}", self.next - 1)
    }

    fn dst(&mut self) -> Option<Dst> {
        self.rng.chance(70).then(|| Dst {
            reg: self.fresh(),
            decl: true,
        })
    }

    fn cas(&mut self, expected: Expected, loc: String) -> Op {
        Op::CompareExchange {
            dst: self.dst(),
            loc,
            expected,
            desired: self.expr(1, false),
            success: self.rng.pick(&MemOrder::ALL),
            failure: self
                .rng
                .pick(&[MemOrder::Relaxed, MemOrder::Acquire, MemOrder::SeqCst]),
            weak: self.opts.weak_cas && self.rng.chance(30),
        }
    }

    /// One or two statements (a register compare-exchange declares its expected value first).
    fn stmt(&mut self, depth: usize, out: &mut Vec<Stmt>) {
        let loc: String = self.rng.pick(&LOCS).into();
        let kinds = if depth < 2 { 9 } else { 8 };
        let op = match self.rng.below(kinds) {
            0 => Op::Assign {
                reg: self.fresh(),
                decl: true,
                val: Expr::Load {
                    loc,
                    ord: self.rng.pick(&LOAD_ORDS),
                },
            },
            1 => {
                let val = self.expr(2, true);
                Op::Assign {
                    reg: self.fresh(),
                    decl: true,
                    val,
                }
            }
            2 if !self.regs.is_empty() => Op::Assign {
                reg: self.rng.pick(&self.regs),
                decl: false,
                val: self.expr(2, false),
            },
            2 | 3 => Op::Store {
                val: self.expr(2, true),
                loc,
                ord: self.rng.pick(&STORE_ORDS),
            },
            4 => Op::Rmw {
                dst: self.dst(),
                op: self.rng.pick(&RmwOp::ALL),
                val: self.expr(1, false),
                loc,
                ord: self.rng.pick(&MemOrder::ALL),
            },
            5 => {
                let e = self.fresh();
                let init = self.value();
                push(
                    out,
                    Op::Assign {
                        reg: e.clone(),
                        decl: true,
                        val: init,
                    },
                );
                self.regs.push(e.clone());
                self.cas(Expected::Reg(e), loc)
            }
            6 => {
                let e: String = self.rng.pick(&LOCS).into();
                self.cas(Expected::Loc(e), loc)
            }
            7 => Op::Fence {
                ord: self.rng.pick(&FENCES),
            },
            _ => {
                let cond = self.expr(2, true);
                let n = 1 + self.rng.below(2);
                let then = self.block(n, depth + 1);
                let els = if self.rng.chance(50) {
                    self.block(1, depth + 1)
                } else {
                    Vec::new()
                };
                Op::If { cond, then, els }
            }
        };
        if let Some(r) = op.declares() {
            self.regs.push(r.to_string());
        }
        push(out, op);
    }

    /// `n` statements in a scope of their own.
    fn block(&mut self, n: usize, depth: usize) -> Vec<Stmt> {
        let saved = self.regs.clone();
        let mut out = Vec::new();
        for _ in 0..n {
            self.stmt(depth, &mut out);
        }
        self.regs = saved;
        out
    }
}

fn push(out: &mut Vec<Stmt>, op: Op) {
    out.push(Stmt {
        op,
        span: Span::default(),
    });
}

/// The random test of `seed`, named `name`.
pub fn test(seed: u64, name: &str, opts: Options) -> Test {
    let mut rng = Rng(seed);
    let nthreads = 2 + rng.below(opts.threads.max(2) - 1);
    let mut threads = Vec::new();
    for index in 0..nthreads {
        let mut g = Gen {
            rng: &mut rng,
            opts,
            regs: Vec::new(),
            next: 0,
        };
        let n = 1 + g.rng.below(opts.stmts.max(1));
        let body = g.block(n, 0);
        threads.push(Thread {
            index,
            params: LOCS
                .iter()
                .enumerate()
                .map(|(k, l)| Param {
                    name: l.to_string(),
                    ty: if k == 2 {
                        ParamType::VolatileInt
                    } else {
                        ParamType::AtomicInt
                    },
                })
                .collect(),
            body,
            span: Span::default(),
        });
    }
    let init = LOCS
        .iter()
        .map(|l| (l.to_string(), rng.pick(&EXTREMES)))
        .collect();
    // The condition: a location and, when there is one, a register of P0 at extremes.
    let mut prop = Prop::Eq(Var::Loc("x".into()), rng.pick(&EXTREMES));
    if let Some(r) = threads[0].registers().first() {
        let atom = Prop::Eq(
            Var::Reg {
                thread: 0,
                reg: r.clone(),
            },
            rng.pick(&EXTREMES),
        );
        prop = Prop::And(Box::new(atom), Box::new(prop));
    }
    Test {
        name: name.to_string(),
        doc: Some(format!("random test of seed {seed}")),
        meta: vec![],
        init,
        threads,
        locations: vec![Var::Loc("y".into()), Var::Loc("z".into())],
        regions: vec![],
        cond: Condition {
            quant: Quantifier::Exists,
            prop,
            span: Span::default(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_tests_obey_the_rules_and_round_trip() {
        for seed in 0..300 {
            let t = test(seed, "R", Options::default());
            assert_eq!(super::super::check::test(&t), Ok(()), "seed {seed}");
            let text = super::super::print(&t);
            let again =
                super::super::parse(&text, "printed").unwrap_or_else(|e| panic!("{e}\n{text}"));
            assert_eq!(again.threads.len(), t.threads.len());
        }
        assert_eq!(
            test(7, "R", Options::default()),
            test(7, "R", Options::default())
        );
    }
}
