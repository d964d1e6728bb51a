//! One pending timer per driver, re-armed only when that is needed.
//!
//! A driver asks its machine for `next_deadline()` after every input. Most inputs (a socket frame,
//! a burst of events) leave the deadline where it was or push it later; building a new browser
//! timer (a JS closure and a `setTimeout`) for each of them is waste. [`Alarm`] keeps the pending
//! timer unless the new deadline is *earlier*. A timer that fires before the machine's (later)
//! deadline is harmless: every machine ignores a timer input before its deadline, and the driver
//! then arms the alarm again for the real one.
//!
//! Pure: `T` is whatever the browser uses as a timer handle (dropping it must cancel it), so the
//! rule is tested natively.

use crate::util::clock::Instant;

/// The pending timer of one driver and the deadline it was armed for.
#[derive(Debug)]
pub struct Alarm<T> {
    armed: Option<(Instant, T)>,
}

impl<T> Default for Alarm<T> {
    fn default() -> Self {
        Alarm { armed: None }
    }
}

impl<T> Alarm<T> {
    /// Makes sure a timer fires at or before `deadline`. Keeps the pending timer when it fires
    /// no later than `deadline`; otherwise drops it (cancelling it) and calls `arm(deadline)` for
    /// a new one. `None` cancels. Returns whether a new timer was armed.
    pub fn set(&mut self, deadline: Option<Instant>, arm: impl FnOnce(Instant) -> T) -> bool {
        let Some(deadline) = deadline else {
            self.armed = None;
            return false;
        };
        if self.armed.as_ref().is_some_and(|(at, _)| *at <= deadline) {
            return false;
        }
        self.armed = None;
        self.armed = Some((deadline, arm(deadline)));
        true
    }

    /// The timer fired: forget it, so the next [`set`](Self::set) arms a new one. Call it from the
    /// timer's callback before feeding the machine.
    pub fn fired(&mut self) {
        self.armed = None;
    }

    /// The deadline the pending timer was armed for.
    pub fn armed_for(&self) -> Option<Instant> {
        self.armed.as_ref().map(|(at, _)| *at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Token;
    use crate::tau::connection::{Connection, ConnectionOptions, Input};
    use core::time::Duration;

    const KEEP_ALIVE: &str = r#"{"event": "keep_alive"}"#;

    /// What link.rs `feed()` did on every socket frame: build a timer for `next_deadline()`,
    /// changed or not. Counts the timers built for a burst of frames on a live socket.
    fn timers_built_for_a_burst(frames: u64, spacing: Duration) -> u32 {
        let mut conn = Connection::new("ws://x/".into(), Token::new("t"), ConnectionOptions::default(), 1);
        let mut now = Instant(1_000);
        let mut alarm = Alarm::default();
        let mut built = 0;
        let mut drive = |conn: &Connection, alarm: &mut Alarm<()>| {
            alarm.set(conn.next_deadline(), |_| built += 1);
        };
        conn.handle(Input::Start, now);
        drive(&conn, &mut alarm);
        conn.handle(Input::Opened { generation: 1 }, now);
        drive(&conn, &mut alarm);
        now = conn.next_deadline().unwrap();
        alarm.fired();
        conn.handle(Input::Timer, now); // live
        drive(&conn, &mut alarm);
        for _ in 0..frames {
            now = now + spacing;
            conn.handle(
                Input::Text {
                    generation: 1,
                    text: KEEP_ALIVE,
                },
                now,
            );
            drive(&conn, &mut alarm);
        }
        built
    }

    #[test]
    fn a_timer_is_not_rebuilt_on_every_socket_frame() {
        // Start, open and live each need a timer; the thousand frames after them need none,
        // whether they come in one millisecond or spread over minutes.
        assert_eq!(timers_built_for_a_burst(1_000, Duration::ZERO), 3);
        assert_eq!(timers_built_for_a_burst(1_000, Duration::from_millis(250)), 3);
    }

    #[test]
    fn an_earlier_deadline_rearms_and_a_later_one_keeps_the_pending_timer() {
        let mut alarm = Alarm::default();
        let mut armed = Vec::new();
        assert!(alarm.set(Some(Instant(500)), |at| armed.push(at)));
        assert!(!alarm.set(Some(Instant(500)), |at| armed.push(at)));
        assert!(!alarm.set(Some(Instant(900)), |at| armed.push(at)));
        assert_eq!(alarm.armed_for(), Some(Instant(500)));
        assert!(alarm.set(Some(Instant(100)), |at| armed.push(at)));
        assert_eq!(armed, [Instant(500), Instant(100)]);
        assert!(!alarm.set(None, |at| armed.push(at)));
        assert_eq!(alarm.armed_for(), None);
    }

    #[test]
    fn after_firing_the_same_deadline_is_armed_again() {
        // A timer can fire a little early (milliseconds are rounded): the machine ignores it and
        // its deadline stays; the driver must still get a new timer for it, or the link stalls.
        let mut alarm = Alarm::default();
        let mut built = 0;
        alarm.set(Some(Instant(500)), |_| built += 1);
        alarm.fired();
        assert!(alarm.set(Some(Instant(500)), |_| built += 1));
        assert_eq!(built, 2);
    }

    #[test]
    fn a_replaced_timer_is_dropped_before_its_successor_is_built() {
        use std::cell::Cell;
        use std::rc::Rc;
        struct Handle(Rc<Cell<u32>>);
        impl Drop for Handle {
            fn drop(&mut self) {
                self.0.set(self.0.get() - 1);
            }
        }
        let live = Rc::new(Cell::new(0));
        let mut alarm = Alarm::default();
        for at in [900, 800, 700] {
            alarm.set(Some(Instant(at)), |_| {
                assert_eq!(live.get(), 0, "two timers pending at once");
                live.set(live.get() + 1);
                Handle(live.clone())
            });
        }
        assert_eq!(live.get(), 1);
        alarm.set(None, |_| unreachable!());
        assert_eq!(live.get(), 0);
    }
}
