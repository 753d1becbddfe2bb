//! Register expressions: constants, registers, loads, and C's operators on 32-bit values.
//!
//! [`BinOp::apply`] and [`UnOp::apply`] are the one definition of what an operator computes:
//! the model checker and the interpreter call them, and the generated Rust (`build/codegen.rs`)
//! spells the same operations (`wrapping_add`, `(a == b) as i32`, ...), which the
//! differential tests compare. Arithmetic wraps at 32 bits, as the hardware does (C leaves
//! signed overflow undefined; the lab defines it as wrapping, like Rust's `wrapping_*`).
//!
//! This file depends on `std` only, because `build.rs` includes it.

use super::ast::MemOrder;
use std::fmt;

/// A unary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnOp {
    /// `-e` (wrapping: `-i32::MIN == i32::MIN`)
    Neg,
    /// `!e`: 1 if `e` is 0, else 0
    Not,
}

/// A binary operator, with C's precedence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BinOp {
    Mul,
    Add,
    Sub,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    /// `&` (bitwise)
    BitAnd,
    Xor,
    /// `|` (bitwise)
    BitOr,
    /// `&&` (1 or 0)
    And,
    /// `||` (1 or 0)
    Or,
}

impl UnOp {
    pub fn symbol(self) -> &'static str {
        match self {
            UnOp::Neg => "-",
            UnOp::Not => "!",
        }
    }

    /// The value of `op a`.
    pub fn apply(self, a: i32) -> i32 {
        match self {
            UnOp::Neg => a.wrapping_neg(),
            UnOp::Not => (a == 0) as i32,
        }
    }
}

impl BinOp {
    pub const ALL: [BinOp; 14] = [
        BinOp::Mul,
        BinOp::Add,
        BinOp::Sub,
        BinOp::Lt,
        BinOp::Le,
        BinOp::Gt,
        BinOp::Ge,
        BinOp::Eq,
        BinOp::Ne,
        BinOp::BitAnd,
        BinOp::Xor,
        BinOp::BitOr,
        BinOp::And,
        BinOp::Or,
    ];

    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Mul => "*",
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::BitAnd => "&",
            BinOp::Xor => "^",
            BinOp::BitOr => "|",
            BinOp::And => "&&",
            BinOp::Or => "||",
        }
    }

    /// C's precedence: higher binds tighter. All binary operators are left-associative.
    pub fn prec(self) -> u8 {
        match self {
            BinOp::Mul => 10,
            BinOp::Add | BinOp::Sub => 9,
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => 8,
            BinOp::Eq | BinOp::Ne => 7,
            BinOp::BitAnd => 6,
            BinOp::Xor => 5,
            BinOp::BitOr => 4,
            BinOp::And => 3,
            BinOp::Or => 2,
        }
    }

    /// The value of `a op b` on 32-bit values: arithmetic wraps, comparisons and logical
    /// operators give 1 or 0.
    pub fn apply(self, a: i32, b: i32) -> i32 {
        match self {
            BinOp::Mul => a.wrapping_mul(b),
            BinOp::Add => a.wrapping_add(b),
            BinOp::Sub => a.wrapping_sub(b),
            BinOp::Lt => (a < b) as i32,
            BinOp::Le => (a <= b) as i32,
            BinOp::Gt => (a > b) as i32,
            BinOp::Ge => (a >= b) as i32,
            BinOp::Eq => (a == b) as i32,
            BinOp::Ne => (a != b) as i32,
            BinOp::BitAnd => a & b,
            BinOp::Xor => a ^ b,
            BinOp::BitOr => a | b,
            BinOp::And => (a != 0 && b != 0) as i32,
            BinOp::Or => (a != 0 || b != 0) as i32,
        }
    }

    /// `&&` and `||`: C evaluates the right operand only when the left one does not decide.
    pub fn short_circuits(self) -> bool {
        matches!(self, BinOp::And | BinOp::Or)
    }
}

/// An expression of a thread: the value stored, added, compared, branched on.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Expr {
    /// A constant (it fits an `i32`: `litmus::check`).
    Const(i64),
    /// A register of the thread.
    Reg(String),
    /// A read of a shared location: `*x` (`ord: None`, a plain access) or
    /// `atomic_load_explicit(x, ord)`.
    Load {
        loc: String,
        ord: Option<MemOrder>,
    },
    Unary(UnOp, Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
}

impl Expr {
    pub fn reg(r: &str) -> Expr {
        Expr::Reg(r.to_string())
    }

    pub fn bin(op: BinOp, a: Expr, b: Expr) -> Expr {
        Expr::Binary(op, Box::new(a), Box::new(b))
    }

    /// Registers read, in evaluation order (left to right), with repeats.
    pub fn regs(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.visit(&mut |e| {
            if let Expr::Reg(r) = e {
                out.push(r.as_str());
            }
        });
        out
    }

    /// The loads of the expression, left to right: `(location, ordering)`.
    pub fn loads(&self) -> Vec<(&str, Option<MemOrder>)> {
        let mut out = Vec::new();
        self.visit(&mut |e| {
            if let Expr::Load { loc, ord } = e {
                out.push((loc.as_str(), *ord));
            }
        });
        out
    }

    pub fn has_load(&self) -> bool {
        !self.loads().is_empty()
    }

    /// Every node, children left to right before their parent (evaluation order).
    pub fn visit<'a>(&'a self, f: &mut dyn FnMut(&'a Expr)) {
        match self {
            Expr::Const(_) | Expr::Reg(_) | Expr::Load { .. } => {}
            Expr::Unary(_, a) => a.visit(f),
            Expr::Binary(_, a, b) => {
                a.visit(f);
                b.visit(f);
            }
        }
        f(self)
    }

    /// The value, given registers and loads. Loads are made left to right, each once.
    /// Constants outside `i32` wrap (the checks reject them before any stage evaluates).
    pub fn eval(
        &self,
        reg: &dyn Fn(&str) -> i32,
        load: &mut dyn FnMut(&str, Option<MemOrder>) -> i32,
    ) -> i32 {
        match self {
            Expr::Const(c) => *c as i32,
            Expr::Reg(r) => reg(r),
            Expr::Load { loc, ord } => load(loc, *ord),
            Expr::Unary(op, a) => op.apply(a.eval(reg, load)),
            Expr::Binary(op, a, b) => {
                let x = a.eval(reg, load);
                let y = b.eval(reg, load);
                op.apply(x, y)
            }
        }
    }

    /// A constant expression's value (no register, no load).
    pub fn constant(&self) -> Option<i32> {
        if self.regs().is_empty() && !self.has_load() {
            Some(self.eval(&|_| 0, &mut |_, _| 0))
        } else {
            None
        }
    }

    /// Binding strength of the expression's top operator (atoms: 100).
    fn prec(&self) -> u8 {
        match self {
            Expr::Binary(op, ..) => op.prec(),
            Expr::Unary(..) => 20,
            _ => 100,
        }
    }
}

impl fmt::Display for Expr {
    /// C syntax with the parentheses precedence needs (and none it does not), so that printing
    /// and parsing give back the same tree.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Const(c) => write!(f, "{c}"),
            Expr::Reg(r) => f.write_str(r),
            Expr::Load { loc, ord: None } => write!(f, "*{loc}"),
            Expr::Load { loc, ord: Some(o) } => {
                write!(f, "atomic_load_explicit({loc}, {})", o.c_name())
            }
            Expr::Unary(op, a) => {
                // `-(1)` keeps a negated constant apart from the constant `-1`.
                if a.prec() < 20 || (*op == UnOp::Neg && matches!(**a, Expr::Const(_))) {
                    write!(f, "{}({a})", op.symbol())
                } else {
                    write!(f, "{}{a}", op.symbol())
                }
            }
            Expr::Binary(op, a, b) => {
                let p = op.prec();
                if a.prec() < p {
                    write!(f, "({a})")?;
                } else {
                    write!(f, "{a}")?;
                }
                write!(f, " {} ", op.symbol())?;
                if b.prec() <= p {
                    write!(f, "({b})")
                } else {
                    write!(f, "{b}")
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_wrap_at_32_bits_and_compare_to_0_or_1() {
        assert_eq!(BinOp::Add.apply(i32::MAX, 1), i32::MIN);
        assert_eq!(BinOp::Sub.apply(i32::MIN, 1), i32::MAX);
        assert_eq!(BinOp::Mul.apply(65536, 65536), 0);
        assert_eq!(UnOp::Neg.apply(i32::MIN), i32::MIN);
        assert_eq!(UnOp::Not.apply(-7), 0);
        assert_eq!(BinOp::And.apply(2, -1), 1);
        assert_eq!(BinOp::Or.apply(0, 0), 0);
        assert_eq!(BinOp::Lt.apply(-1, 0), 1);
        assert_eq!(BinOp::Xor.apply(5, 5), 0);
    }

    #[test]
    fn display_parenthesises_only_where_precedence_needs() {
        let r = Expr::reg;
        let e = Expr::bin(
            BinOp::Add,
            Expr::bin(BinOp::Xor, r("a"), r("a")),
            Expr::bin(BinOp::Sub, r("b"), Expr::Const(-1)),
        );
        assert_eq!(e.to_string(), "(a ^ a) + (b - -1)");
        let e = Expr::bin(BinOp::Sub, r("a"), Expr::bin(BinOp::Sub, r("b"), r("c")));
        assert_eq!(e.to_string(), "a - (b - c)");
        assert_eq!(
            Expr::Unary(UnOp::Neg, Box::new(Expr::Const(1))).to_string(),
            "-(1)"
        );
    }
}
