//! Execution graphs: the events of one level (C, x86, aarch64) for one [`Structure`], and the
//! relations a candidate execution induces on them.

use super::exec::{CEvent, Candidate, Kind, Structure};
use super::rel::{Rel, Set, MAX_EVENTS};

/// Event attributes. C orderings at the C level; instruction attributes at the instruction
/// levels.
pub mod flag {
    pub const RLX: u32 = 1 << 0;
    pub const ACQ: u32 = 1 << 1;
    pub const REL: u32 = 1 << 2;
    pub const ACQ_REL: u32 = 1 << 3;
    pub const SC: u32 = 1 << 4;
    /// aarch64: acquire (RCsc) read: LDAR, or the read of an acquiring RMW.
    pub const A: u32 = 1 << 5;
    /// aarch64: acquire-PC read: LDAPR.
    pub const Q: u32 = 1 << 6;
    /// aarch64: release write: STLR, or the write of a releasing RMW.
    pub const L: u32 = 1 << 7;
    pub const DMB_FULL: u32 = 1 << 8;
    pub const DMB_LD: u32 = 1 << 9;
    pub const DMB_ST: u32 = 1 << 10;
    /// x86: a locked instruction (xchg, lock-prefixed): a full barrier.
    pub const LOCKED: u32 = 1 << 11;
    pub const MFENCE: u32 = 1 << 12;
    /// C level: a plain (non-atomic) access.
    pub const NA: u32 = 1 << 13;
    pub const COUNT: usize = 14;

    /// The C-level flag of an ordering.
    pub fn of_order(o: crate::litmus::MemOrder) -> u32 {
        use crate::litmus::MemOrder::*;
        match o {
            Relaxed => RLX,
            Acquire => ACQ,
            Release => REL,
            AcqRel => ACQ_REL,
            SeqCst => SC,
        }
    }
}

/// Which half of a C event's memory access a graph event carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Read,
    Write,
    /// Both (a single read-modify-write event, or a plain access).
    Both,
}

/// What a lowering produces for one C event: one graph event.
#[derive(Clone, Debug)]
pub struct GSpec {
    pub kind: Kind,
    /// The half of the C event's access this event performs (`None` for barriers).
    pub part: Option<Part>,
    pub flags: u32,
    /// How the event is named in explanations: `Release store`, `stlr`, `mfence`.
    pub name: &'static str,
}

/// One event of a graph.
#[derive(Clone, Debug)]
pub struct GEvent {
    /// `None` for an initial write.
    pub thread: Option<usize>,
    /// The C event this event comes from.
    pub cev: usize,
    pub part: Option<Part>,
    pub kind: Kind,
    pub loc: Option<usize>,
    pub flags: u32,
    pub name: &'static str,
}

/// The static part of an execution graph (same for every candidate of a structure).
#[derive(Clone, Debug)]
pub struct Graph {
    pub events: Vec<GEvent>,
    pub po: Rel,
    /// Pairs of memory events on the same location (initial writes included).
    pub loc: Rel,
    pub po_loc: Rel,
    /// Same thread (initial writes are in no thread).
    pub int: Rel,
    pub ext: Rel,
    /// Read half → write half of a two-event read-modify-write (aarch64).
    pub rmw: Rel,
    pub data: Rel,
    /// Address dependencies: the litmus language has no address arithmetic, so always empty.
    pub addr: Rel,
    /// Control dependencies rustc's code keeps: a read, then a conditional branch on its
    /// value, then the event (instruction levels; empty at the C level, where no model
    /// uses it).
    pub ctrl: Rel,
    pub reads: Set,
    pub writes: Set,
    pub fences: Set,
    pub init: Set,
    /// Single read-modify-write events (C and x86 levels).
    pub rmw_events: Set,
    masks: [Set; flag::COUNT],
    /// C event → graph event of its read half / write half (`usize::MAX`: none).
    pub rpart: Vec<usize>,
    pub wpart: Vec<usize>,
}

/// The relations a candidate execution induces on a graph.
#[derive(Clone, Copy, Debug)]
pub struct Dyn {
    pub rf: Rel,
    pub co: Rel,
    /// `(rf^-1; co) \ id`
    pub fr: Rel,
}

impl Graph {
    pub fn n(&self) -> usize {
        self.events.len()
    }

    /// The events carrying every bit of `f`... any bit of `f`.
    pub fn with(&self, f: u32) -> Set {
        let mut s = 0;
        for b in 0..flag::COUNT {
            if f >> b & 1 == 1 {
                s |= self.masks[b];
            }
        }
        s
    }

    pub fn mem(&self) -> Set {
        self.reads | self.writes
    }

    pub fn all(&self) -> Set {
        if self.n() == 64 {
            !0
        } else {
            (1u64 << self.n()) - 1
        }
    }

    /// Build a graph for `st`: `lower` gives the graph events of each thread event, in
    /// program order. Initial writes come first. `sequenced`: program order is the C level's
    /// sequenced-before (one graph event per C event), else the order of the instructions.
    pub fn build(
        st: &Structure,
        nlocs: usize,
        sequenced: bool,
        lower: &mut dyn FnMut(&CEvent) -> Vec<GSpec>,
    ) -> Result<Graph, String> {
        let mut events: Vec<GEvent> = Vec::new();
        let ncev = st.events.len();
        let mut rpart = vec![usize::MAX; ncev];
        let mut wpart = vec![usize::MAX; ncev];
        for (l, wp) in wpart.iter_mut().enumerate().take(nlocs) {
            events.push(GEvent {
                thread: None,
                cev: l,
                part: Some(Part::Write),
                kind: Kind::Write,
                loc: Some(l),
                flags: 0,
                name: "initial write",
            });
            *wp = l;
        }
        let mut per_thread: Vec<Vec<usize>> = Vec::new();
        let mut rmw_pairs = Vec::new();
        for (t, evs) in st.threads.iter().enumerate() {
            let mut mine = Vec::new();
            for &ce in evs {
                let c = &st.events[ce];
                let mut prev_read: Option<usize> = None;
                for s in lower(c) {
                    let id = events.len();
                    match s.part {
                        Some(Part::Read) => {
                            rpart[ce] = id;
                            prev_read = Some(id);
                        }
                        Some(Part::Write) => {
                            wpart[ce] = id;
                            if let Some(r) = prev_read {
                                rmw_pairs.push((r, id));
                            }
                        }
                        Some(Part::Both) => {
                            if s.kind.is_read() {
                                rpart[ce] = id;
                            }
                            if s.kind.is_write() {
                                wpart[ce] = id;
                            }
                        }
                        None => {}
                    }
                    events.push(GEvent {
                        thread: Some(t),
                        cev: ce,
                        part: s.part,
                        kind: s.kind,
                        loc: if s.part.is_some() { c.loc } else { None },
                        flags: s.flags,
                        name: s.name,
                    });
                    mine.push(id);
                    if events.len() > MAX_EVENTS {
                        return Err(format!(
                            "more than {MAX_EVENTS} events after lowering (the bound of one execution graph)"
                        ));
                    }
                }
                if c.kind.is_read() && rpart[ce] == usize::MAX
                    || c.kind.is_write() && wpart[ce] == usize::MAX
                {
                    return Err(format!(
                        "the lowering of P{t}'s statement at line {} lost its memory access",
                        c.span.line
                    ));
                }
            }
            per_thread.push(mine);
        }
        let n = events.len();
        let mut po = Rel::empty(n);
        let mut int = Rel::empty(n);
        for mine in &per_thread {
            for (i, &a) in mine.iter().enumerate() {
                for &b in &mine[i + 1..] {
                    if !sequenced || st.sb_before(events[a].cev, events[b].cev) {
                        po.add(a, b);
                    }
                    if sequenced && st.sb_before(events[b].cev, events[a].cev) {
                        po.add(b, a);
                    }
                }
                for &b in mine {
                    if a != b {
                        int.add(a, b);
                    }
                }
            }
        }
        let mut ext = Rel::empty(n);
        let mut loc = Rel::empty(n);
        let (mut reads, mut writes, mut fences, mut init, mut rmw_events) = (0, 0, 0, 0, 0);
        let mut masks = [0u64; flag::COUNT];
        for (a, ea) in events.iter().enumerate() {
            for (b, eb) in events.iter().enumerate() {
                if a != b && !int.has(a, b) {
                    ext.add(a, b);
                }
                if ea.loc.is_some() && ea.loc == eb.loc {
                    loc.add(a, b);
                }
            }
            let bit = 1u64 << a;
            if ea.kind.is_read() {
                reads |= bit;
            }
            if ea.kind.is_write() {
                writes |= bit;
            }
            if ea.kind == Kind::Fence {
                fences |= bit;
            }
            if ea.kind == Kind::Rmw {
                rmw_events |= bit;
            }
            if ea.thread.is_none() {
                init |= bit;
            }
            for (b, m) in masks.iter_mut().enumerate() {
                if ea.flags >> b & 1 == 1 {
                    *m |= bit;
                }
            }
        }
        let mut rmw = Rel::empty(n);
        for (r, w) in rmw_pairs {
            rmw.add(r, w);
        }
        let mut data = Rel::empty(n);
        let mut ctrl = Rel::empty(n);
        if !sequenced {
            for &(r, w) in &st.data {
                if rpart[r] != usize::MAX && wpart[w] != usize::MAX {
                    data.add(rpart[r], wpart[w]);
                }
            }
            for &(r, e) in &st.ctrl {
                if rpart[r] == usize::MAX {
                    continue;
                }
                for (g, ge) in events.iter().enumerate() {
                    if ge.cev == e && ge.thread.is_some() {
                        ctrl.add(rpart[r], g);
                    }
                }
            }
        }
        Ok(Graph {
            events,
            po_loc: po.inter(&loc),
            po,
            loc,
            int,
            ext,
            rmw,
            data,
            addr: Rel::empty(n),
            ctrl,
            reads,
            writes,
            fences,
            init,
            rmw_events,
            masks,
            rpart,
            wpart,
        })
    }

    /// rf, co and fr of a candidate on this graph.
    pub fn relations(&self, c: &Candidate) -> Dyn {
        let n = self.n();
        let mut rf = Rel::empty(n);
        for (ce, &w) in c.rf.iter().enumerate() {
            if w != usize::MAX {
                rf.add(self.wpart[w], self.rpart[ce]);
            }
        }
        let mut co = Rel::empty(n);
        for order in &c.co {
            for (i, &a) in order.iter().enumerate() {
                for &b in &order[i + 1..] {
                    co.add(self.wpart[a], self.wpart[b]);
                }
            }
        }
        let fr = rf.inverse().seq(&co).minus_id();
        Dyn { rf, co, fr }
    }
}
