//! The model checker: which final states each memory model allows for a litmus test, and why
//! a forbidden one is forbidden.
//!
//! [`exec`] enumerates the candidate executions of a test once (events, reads-from and
//! coherence choices, values). Each model then judges every candidate on its own execution
//! graph ([`graph`]): the language models (RC11, C11, SC) on the C-level events, the platform
//! models on the instructions rustc emits ([`lower`]): x86-TSO for x86_64, ARMv8 for
//! aarch64 (default codegen, LDAR) and aarch64+rcpc (LDAPR), and x86-TSO again for aarch64
//! code as qemu-user translates it on an x86 host.
//!
//! Each model lives in its own file, written from its published definition: [`sc`], [`tso`],
//! [`armv8`], [`rc11`], [`c11`], [`qemu`].
//!
//! ```
//! use orderlab::litmus::parse;
//! use orderlab::model::{check, Model};
//! let sb = parse("C SB+sc\n{}\n\
//!     P0(atomic_int* x, atomic_int* y) { atomic_store_explicit(x, 1, memory_order_seq_cst);\
//!       int r0 = atomic_load_explicit(y, memory_order_seq_cst); }\n\
//!     P1(atomic_int* x, atomic_int* y) { atomic_store_explicit(y, 1, memory_order_seq_cst);\
//!       int r0 = atomic_load_explicit(x, memory_order_seq_cst); }\n\
//!     exists (0:r0=0 /\\ 1:r0=0)\n", "SB+sc.litmus").unwrap();
//! assert!(!check(&sb, Model::Rc11).unwrap().target_allowed);
//! assert!(!check(&sb, Model::Armv8).unwrap().target_allowed);
//! // QEMU puts no barrier between an stlr and a later ldar.
//! assert!(check(&sb, Model::QemuX86).unwrap().target_allowed);
//! ```
//!
//! Plain (non-atomic) accesses can race: under RC11 and C11 a consistent execution with two
//! conflicting accesses, one of them plain, unordered by happens-before, makes the program's
//! behaviour undefined ([`race`]); [`Verdict::race`] names the first such pair found, and the
//! verdict on the condition stays the one over the consistent executions, as herd7's.
//!
//! ## Limitations
//! - No address dependencies (the language has no address arithmetic); control and data
//!   dependencies are those rustc's code keeps ([`lower`]).
//! - Executions whose values depend on themselves through reads-from and data flow ("out of
//!   thin air" values) are not generated.
//! - Bounds: [`exec::MAX_CANDIDATES`] candidates, [`rel::MAX_EVENTS`] events per graph,
//!   [`exec::MAX_WRITES_PER_LOC`] writes per location, [`exec::MAX_STRUCTURES`] combinations
//!   of the threads' paths.

pub mod armv8;
pub mod c11;
mod candidates;
pub mod dot;
pub mod exec;
pub mod explain;
pub mod graph;
pub mod lower;
mod path;
pub mod qemu;
pub mod race;
pub mod rc11;
pub mod rel;
pub mod sc;
pub mod tso;
mod values;

use crate::litmus::{Span, Test};
use exec::{Enumeration, Structure};
use graph::{Dyn, Graph};
use rel::Edge;
use std::collections::BTreeSet;
use std::fmt;

/// A memory model the lab checks against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Model {
    /// RC11 (Lahav et al., PLDI 2017): the repaired C11 model, the language model of Rust.
    Rc11,
    /// C11 as herd7's default C model (`c11_partialSC.cat`).
    C11,
    /// Sequential consistency of the C-level test.
    Sc,
    /// x86-TSO for the x86_64 code rustc emits.
    X86Tso,
    /// ARMv8 (multicopy-atomic axiomatic model) for rustc's default aarch64 code (LDAR).
    Armv8,
    /// ARMv8 for aarch64+rcpc code (LDAPR for Acquire loads).
    Armv8Rcpc,
    /// rustc's default aarch64 code as qemu-user translates it, on x86-TSO.
    QemuX86,
}

impl Model {
    pub const ALL: [Model; 7] = [
        Model::Rc11,
        Model::C11,
        Model::Sc,
        Model::X86Tso,
        Model::Armv8,
        Model::Armv8Rcpc,
        Model::QemuX86,
    ];

    /// The key used in JSON, the CLI and the `expected` table.
    pub fn key(self) -> &'static str {
        match self {
            Model::Rc11 => "rc11",
            Model::C11 => "c11",
            Model::Sc => "sc",
            Model::X86Tso => "x86-tso",
            Model::Armv8 => "armv8",
            Model::Armv8Rcpc => "armv8-rcpc",
            Model::QemuX86 => "qemu-x86",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Model::Rc11 => "RC11",
            Model::C11 => "C11 (herd7 c11_partialSC)",
            Model::Sc => "SC",
            Model::X86Tso => "x86-TSO",
            Model::Armv8 => "ARMv8 (rustc default, LDAR)",
            Model::Armv8Rcpc => "ARMv8 (+rcpc, LDAPR)",
            Model::QemuX86 => "QEMU aarch64-on-x86",
        }
    }

    pub fn from_key(s: &str) -> Option<Model> {
        Model::ALL.into_iter().find(|m| m.key() == s)
    }

    /// The platform model for code compiled for `target` and run natively on it (LSE only
    /// changes read-modify-write instructions, not their ordering: plain ARMv8).
    pub fn for_target(target: crate::machine::Target) -> Model {
        use crate::machine::Target;
        match target {
            Target::X86_64 => Model::X86Tso,
            Target::Aarch64 | Target::Aarch64Lse => Model::Armv8,
            Target::Aarch64Rcpc => Model::Armv8Rcpc,
        }
    }

    /// The model that judges what a run on `platform` observed (the language model, C11, for
    /// an architecture the lab has no platform model of).
    pub fn for_platform(platform: crate::machine::Platform) -> Model {
        use crate::machine::Platform;
        match platform {
            Platform::X86Tso => Model::X86Tso,
            Platform::Armv8 => Model::Armv8,
            Platform::Armv8Rcpc => Model::Armv8Rcpc,
            Platform::QemuX86 => Model::QemuX86,
            Platform::Other => Model::C11,
        }
    }

    /// Which events the model looks at.
    pub fn level(self) -> Level {
        match self {
            Model::Rc11 | Model::C11 | Model::Sc => Level::C,
            Model::X86Tso => Level::X86,
            Model::Armv8 => Level::Aarch64,
            Model::Armv8Rcpc => Level::Aarch64Rcpc,
            Model::QemuX86 => Level::QemuX86,
        }
    }

    /// Judge one candidate; `Some` names the violated axiom (with the cycle when `explain`).
    pub fn violation(self, g: &Graph, d: &Dyn, explain: bool) -> Option<Witness> {
        match self {
            Model::Rc11 => rc11::check(g, d, explain),
            Model::C11 => c11::check(g, d, explain),
            Model::Sc => sc::check(g, d, explain),
            Model::X86Tso | Model::QemuX86 => tso::check(g, d, explain),
            Model::Armv8 | Model::Armv8Rcpc => armv8::check(g, d, explain),
        }
    }
}

impl Model {
    /// The order this model's main axiom keeps acyclic, closed transitively, with its name:
    /// used to say why a weak outcome is allowed ("nothing in hb puts the store before the
    /// load").
    pub fn order(self, g: &Graph, d: &Dyn) -> (rel::Rel, &'static str) {
        let union = |parts: Vec<(&'static str, rel::Rel)>| {
            let mut r = rel::Rel::empty(g.n());
            for (_, p) in &parts {
                r.union_with(p);
            }
            r.plus()
        };
        match self {
            Model::Rc11 => (rc11::hb(g, d).hb, "happens-before (hb)"),
            Model::C11 => (c11::hb(g, d).hb, "happens-before (hb)"),
            Model::Sc => (
                g.po.union(&d.rf).union(&d.co).union(&d.fr).plus(),
                "the interleaving order (po ∪ rf ∪ co ∪ fr)",
            ),
            Model::X86Tso | Model::QemuX86 => {
                (union(tso::ghb_parts(g, d)), "global happens-before (ghb)")
            }
            Model::Armv8 | Model::Armv8Rcpc => {
                (union(armv8::ob_parts(g, d)), "ordered-before (ob)")
            }
        }
    }
}

impl serde::Serialize for Model {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.key())
    }
}

impl<'de> serde::Deserialize<'de> for Model {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let k = String::deserialize(d)?;
        Model::from_key(&k).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown model `{k}` (one of {})",
                Model::ALL.map(Model::key).join(", ")
            ))
        })
    }
}

impl fmt::Display for Model {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// The events a model is evaluated on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Level {
    /// The C-level test's events.
    C,
    /// rustc's x86_64 instructions.
    X86,
    /// rustc's default aarch64 instructions.
    Aarch64,
    /// rustc's aarch64+rcpc instructions.
    Aarch64Rcpc,
    /// rustc's default aarch64 instructions, translated by QEMU to x86.
    QemuX86,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::C,
        Level::X86,
        Level::Aarch64,
        Level::Aarch64Rcpc,
        Level::QemuX86,
    ];

    /// Build the graph of one structure at this level.
    pub fn graph(self, st: &Structure, nlocs: usize) -> Result<Graph, String> {
        match self {
            Level::C => Graph::build(st, nlocs, true, &mut |c| vec![c_spec(c)]),
            Level::X86 => tso::graph(st, nlocs),
            Level::Aarch64 => armv8::graph(st, nlocs, crate::machine::Target::Aarch64),
            Level::Aarch64Rcpc => armv8::graph(st, nlocs, crate::machine::Target::Aarch64Rcpc),
            Level::QemuX86 => qemu::graph(st, nlocs),
        }
    }
}

/// The C-level graph event of a C event.
fn c_spec(c: &exec::CEvent) -> graph::GSpec {
    use crate::litmus::MemOrder::*;
    use exec::Kind;
    let ord = c.access.order();
    let name = match (c.kind, ord) {
        (Kind::Read, None) => "plain load",
        (Kind::Read, Some(Relaxed)) => "Relaxed load",
        (Kind::Read, Some(Acquire | AcqRel)) => "Acquire load",
        (Kind::Read, Some(Release)) => "Release load",
        (Kind::Read, Some(SeqCst)) => "SeqCst load",
        (Kind::Write, None) if c.thread.is_some() => "plain store",
        (Kind::Write, None) => "initial write",
        (Kind::Write, Some(Relaxed | Acquire)) => "Relaxed store",
        (Kind::Write, Some(Release | AcqRel)) => "Release store",
        (Kind::Write, Some(SeqCst)) => "SeqCst store",
        (Kind::Rmw, Some(Relaxed) | None) => "Relaxed read-modify-write",
        (Kind::Rmw, Some(Acquire)) => "Acquire read-modify-write",
        (Kind::Rmw, Some(Release)) => "Release read-modify-write",
        (Kind::Rmw, Some(AcqRel)) => "AcqRel read-modify-write",
        (Kind::Rmw, Some(SeqCst)) => "SeqCst read-modify-write",
        (Kind::Fence, Some(Relaxed) | None) => "Relaxed fence",
        (Kind::Fence, Some(Acquire)) => "Acquire fence",
        (Kind::Fence, Some(Release)) => "Release fence",
        (Kind::Fence, Some(AcqRel)) => "AcqRel fence",
        (Kind::Fence, Some(SeqCst)) => "SeqCst fence",
    };
    graph::GSpec {
        kind: c.kind,
        part: if c.kind == Kind::Fence {
            None
        } else {
            Some(graph::Part::Both)
        },
        flags: match ord {
            Some(o) => graph::flag::of_order(o),
            None if c.access.is_plain() => graph::flag::NA,
            None => 0,
        },
        name,
    }
}

/// A model's verdict on a test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub model: Model,
    /// Every final state some consistent execution ends in, aligned with test.observables().
    pub allowed_states: BTreeSet<Vec<i64>>,
    /// Whether some allowed state is the condition's target (Test::is_target).
    pub target_allowed: bool,
    /// RC11 and C11: a data race of a consistent execution (undefined behaviour: every
    /// outcome is then possible); `None` when there is none, and for every other model.
    pub race: Option<race::Race>,
}

impl Verdict {
    /// `"allowed"` or `"forbidden"` (about the condition's target outcome).
    pub fn word(&self) -> &'static str {
        if self.target_allowed {
            "allowed"
        } else {
            "forbidden"
        }
    }
}

/// Why a test cannot be checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModelError {
    /// A construct the models do not support.
    Unsupported {
        test: String,
        construct: String,
        span: Option<Span>,
    },
    /// A bound of the checker is exceeded (at the statement that exceeds it, when one does).
    TooLarge {
        test: String,
        bound: String,
        span: Option<Span>,
    },
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::Unsupported {
                test,
                construct,
                span: Some(s),
            } => write!(f, "{test}:{}:{}: unsupported: {construct}", s.line, s.col),
            ModelError::Unsupported {
                test, construct, ..
            } => write!(f, "{test}: unsupported: {construct}"),
            ModelError::TooLarge { test, bound, .. } => {
                write!(f, "{test}: too large for the model checker: {bound}")
            }
        }
    }
}

impl std::error::Error for ModelError {}

/// A violated axiom, with the cycle (or the offending edges) when asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Witness {
    /// The axiom's name in the model's definition (`coherence`, `sc`, `external`, ...).
    pub axiom: &'static str,
    /// The axiom as a formula.
    pub formula: &'static str,
    /// The cycle: consecutive labelled edges, the last ending where the first starts.
    pub edges: Vec<Edge>,
    /// For an edge of a derived relation (RC11's psc, C11's scp), the chain of base edges
    /// (sb, sw, rf, mo, rb, ...) that makes it; empty for a base edge. Same length as
    /// `edges` when filled.
    pub via: Vec<Vec<Edge>>,
}

pub(crate) fn witness(
    axiom: &'static str,
    formula: &'static str,
    explain: bool,
    edges: impl FnOnce() -> Option<Vec<Edge>>,
) -> Option<Witness> {
    Some(Witness {
        axiom,
        formula,
        edges: if explain {
            edges().unwrap_or_default()
        } else {
            Vec::new()
        },
        via: Vec::new(),
    })
}

/// A test with its candidates enumerated, ready to be judged by any model.
pub struct Analysis<'t> {
    pub test: &'t Test,
    pub enumeration: Enumeration,
    graphs: Vec<Option<Vec<Graph>>>,
}

impl<'t> Analysis<'t> {
    /// Enumerate the candidate executions of `test`.
    pub fn new(test: &'t Test) -> Result<Analysis<'t>, ModelError> {
        let enumeration = exec::enumerate(test)?;
        Ok(Analysis {
            test,
            enumeration,
            graphs: vec![None; Level::ALL.len()],
        })
    }

    /// The graphs (one per structure) of a level, built on first use.
    pub fn graphs(&mut self, level: Level) -> Result<&[Graph], ModelError> {
        let i = Level::ALL.iter().position(|&l| l == level).unwrap_or(0);
        if self.graphs[i].is_none() {
            let nlocs = self.enumeration.locs.len();
            let mut gs = Vec::with_capacity(self.enumeration.structures.len());
            for st in &self.enumeration.structures {
                gs.push(level.graph(st, nlocs).map_err(|e| ModelError::TooLarge {
                    test: self.test.name.clone(),
                    bound: e,
                    span: None,
                })?);
            }
            self.graphs[i] = Some(gs);
        }
        Ok(self.graphs[i].as_deref().unwrap_or(&[]))
    }

    /// Judge every candidate under `model`.
    pub fn verdict(&mut self, model: Model) -> Result<Verdict, ModelError> {
        self.graphs(model.level())?;
        let gs = self.graphs[Level::ALL
            .iter()
            .position(|&l| l == model.level())
            .unwrap_or(0)]
        .as_deref()
        .unwrap_or(&[]);
        let mut allowed_states = BTreeSet::new();
        let mut found = None;
        let races = matches!(model, Model::Rc11 | Model::C11);
        for (ci, c) in self.enumeration.candidates.iter().enumerate() {
            if allowed_states.contains(&c.state) && (!races || found.is_some()) {
                continue;
            }
            let g = &gs[c.structure];
            let d = g.relations(c);
            if model.violation(g, &d, false).is_none() {
                allowed_states.insert(c.state.clone());
                if races && found.is_none() {
                    let hb = match model {
                        Model::Rc11 => rc11::hb(g, &d).hb,
                        _ => c11::hb(g, &d).hb,
                    };
                    found = race::find(g, &hb).map(|pair| (ci, pair));
                }
            }
        }
        let race = found.map(|(ci, (a, b))| {
            let c = &self.enumeration.candidates[ci];
            race::Race::describe(self, &gs[c.structure], c, a, b)
        });
        let obs = &self.enumeration.observables;
        let target_allowed = allowed_states.iter().any(|s| self.test.is_target(obs, s));
        Ok(Verdict {
            model,
            allowed_states,
            target_allowed,
            race,
        })
    }
}

impl Analysis<'_> {
    /// The axioms of `model` that forbid the candidates ending in `state` (the first violated
    /// axiom of each; empty when some candidate is allowed or none ends there).
    pub fn axioms_forbidding(
        &mut self,
        model: Model,
        state: &[i64],
    ) -> Result<BTreeSet<&'static str>, ModelError> {
        self.graphs(model.level())?;
        let level = Level::ALL
            .iter()
            .position(|&l| l == model.level())
            .unwrap_or(0);
        let gs = self.graphs[level].as_deref().unwrap_or(&[]);
        let mut out = BTreeSet::new();
        for c in self
            .enumeration
            .candidates
            .iter()
            .filter(|c| c.state == state)
        {
            let g = &gs[c.structure];
            match model.violation(g, &g.relations(c), false) {
                Some(w) => {
                    out.insert(w.axiom);
                }
                None => return Ok(BTreeSet::new()),
            }
        }
        Ok(out)
    }
}

/// The final states `model` allows for `test`, and whether the condition's target is one.
pub fn check(test: &Test, model: Model) -> Result<Verdict, ModelError> {
    Analysis::new(test)?.verdict(model)
}

/// Every model's verdict, in [`Model::ALL`] order (enumerates once).
pub fn check_all(test: &Test) -> Result<Vec<Verdict>, ModelError> {
    let mut a = Analysis::new(test)?;
    Model::ALL.iter().map(|&m| a.verdict(m)).collect()
}
