//! Small pure building blocks shared by the core: time as an argument ([`clock`]), one pending
//! timer per driver ([`alarm`]) and a bounded set of seen ids (`bounded_set`, crate-internal) and one shared sort ([`order`]).

pub mod alarm;
pub(crate) mod bounded_set;
pub mod clock;
pub mod order;
