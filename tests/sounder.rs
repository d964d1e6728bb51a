#![cfg(not(target_arch = "wasm32"))]
//! The one-sounder election (issue 11 point 2), on a virtual clock: several members on one
//! simulated broadcast channel, which delivers every message to every other member.

use tau_overlay::session::{MemberId, Message, Role, Sounder, HEARTBEAT, SILENCE};
use tau_overlay::util::clock::Instant;

/// Members on one channel; `None` once a member's page is gone (closed or hung).
struct Channel {
    members: Vec<Option<Sounder>>,
    /// Members whose page hangs: they neither send nor hear.
    hung: Vec<bool>,
    now: u64,
}

fn id(joined: u64) -> MemberId {
    MemberId {
        joined,
        nonce: joined * 7,
    }
}

impl Channel {
    fn new() -> Channel {
        Channel {
            members: Vec::new(),
            hung: Vec::new(),
            now: 0,
        }
    }

    fn join(&mut self, joined: u64, eligible: bool) -> usize {
        let (member, hello) = Sounder::join(id(joined), eligible, Instant(self.now));
        self.members.push(Some(member));
        self.hung.push(false);
        let me = self.members.len() - 1;
        self.send(me, hello);
        me
    }

    /// Delivers `messages` from `from` to every other live member, and their answers, until quiet.
    fn send(&mut self, from: usize, messages: Vec<Message>) {
        let mut queue: Vec<(usize, Message)> = messages.into_iter().map(|m| (from, m)).collect();
        while let Some((from, message)) = queue.pop() {
            for to in 0..self.members.len() {
                if to == from || self.hung[to] {
                    continue;
                }
                if let Some(member) = self.members[to].as_mut() {
                    let answers = member.heard(message, Instant(self.now));
                    queue.extend(answers.into_iter().map(|m| (to, m)));
                }
            }
        }
    }

    fn set_eligible(&mut self, who: usize, eligible: bool) {
        let now = Instant(self.now);
        let news = self.members[who].as_mut().unwrap().set_eligible(eligible, now);
        self.send(who, news);
    }

    fn leave(&mut self, who: usize) {
        let bye = self.members[who].as_mut().unwrap().leave();
        self.send(who, bye);
        self.members[who] = None;
    }

    /// Runs every member's deadlines up to `t`.
    fn run_until(&mut self, t: u64) {
        loop {
            let next = (0..self.members.len())
                .filter(|i| !self.hung[*i])
                .filter_map(|i| Some((i, self.members[i].as_ref()?.next_deadline()?)))
                .filter(|(_, d)| d.0 <= t)
                .min_by_key(|(_, d)| *d);
            let Some((i, d)) = next else { break };
            self.now = self.now.max(d.0);
            let now = Instant(self.now);
            let beat = self.members[i].as_mut().unwrap().tick(now);
            self.send(i, beat);
        }
        self.now = t;
    }

    fn roles(&self) -> Vec<Option<Role>> {
        let now = Instant(self.now);
        self.members
            .iter()
            .enumerate()
            .map(|(i, m)| m.as_ref().filter(|_| !self.hung[i]).map(|m| m.role(now)))
            .collect()
    }

    fn sounders(&self) -> usize {
        self.roles().iter().filter(|r| **r == Some(Role::Sounder)).count()
    }
}

#[test]
fn a_lone_member_sounds() {
    let mut c = Channel::new();
    c.join(100, true);
    assert_eq!(c.roles(), [Some(Role::Sounder)]);
}

#[test]
fn a_later_joiner_never_takes_the_sound() {
    let mut c = Channel::new();
    c.join(100, true);
    c.now = 500;
    c.join(600, true);
    c.join(50_000, true);
    assert_eq!(
        c.roles(),
        [Some(Role::Sounder), Some(Role::Standby), Some(Role::Standby)]
    );
    c.run_until(60_000);
    assert_eq!(
        c.roles(),
        [Some(Role::Sounder), Some(Role::Standby), Some(Role::Standby)]
    );
}

#[test]
fn sound_moves_on_at_once_when_the_sounder_leaves() {
    let mut c = Channel::new();
    let first = c.join(100, true);
    c.join(200, true);
    c.join(300, true);
    c.run_until(5_000);
    c.leave(first);
    assert_eq!(c.roles(), [None, Some(Role::Sounder), Some(Role::Standby)]);
}

#[test]
fn an_invisible_sounder_hands_over_and_takes_back_when_shown() {
    let mut c = Channel::new();
    let first = c.join(100, true);
    c.join(200, true);
    c.set_eligible(first, false);
    assert_eq!(c.roles(), [Some(Role::Ineligible), Some(Role::Sounder)]);
    c.run_until(10_000);
    assert_eq!(c.sounders(), 1);
    c.set_eligible(first, true);
    assert_eq!(c.roles(), [Some(Role::Sounder), Some(Role::Standby)]);
}

#[test]
fn a_silent_sounder_is_passed_over_after_the_silence_timeout() {
    let mut c = Channel::new();
    let first = c.join(100, true);
    c.join(200, true);
    c.run_until(2_000);
    // The sounder's page hangs: no goodbye, no heartbeat.
    c.hung[first] = true;
    let hung_at = c.now;
    c.run_until(hung_at + SILENCE.as_millis() as u64 - HEARTBEAT.as_millis() as u64);
    assert_eq!(c.roles()[1], Some(Role::Standby), "not yet: it may only be slow");
    c.run_until(hung_at + SILENCE.as_millis() as u64 + 1);
    assert_eq!(c.roles()[1], Some(Role::Sounder));
}

#[test]
fn nobody_sounds_when_no_member_may() {
    let mut c = Channel::new();
    c.join(100, false);
    c.join(200, false);
    assert_eq!(c.sounders(), 0);
    c.set_eligible(1, true);
    assert_eq!(c.roles(), [Some(Role::Ineligible), Some(Role::Sounder)]);
}

#[test]
fn heartbeats_keep_members_alive_and_quiet_channels_stay_quiet() {
    let mut c = Channel::new();
    c.join(100, true);
    c.join(200, true);
    c.run_until(120_000);
    assert_eq!(c.roles(), [Some(Role::Sounder), Some(Role::Standby)]);
    let member = c.members[1].as_ref().unwrap();
    assert_eq!(member.peers(Instant(c.now)), 1);
    let next = member.next_deadline().unwrap().0;
    assert!(next > c.now && next <= c.now + HEARTBEAT.as_millis() as u64, "{next}");
}

#[test]
fn a_member_ignores_its_own_echo_and_says_goodbye_once() {
    let (mut me, _) = Sounder::join(id(1), true, Instant(0));
    let echo = Message::Here {
        id: id(1),
        eligible: true,
    };
    assert!(me.heard(echo, Instant(1)).is_empty());
    assert_eq!(me.peers(Instant(1)), 0);
    assert_eq!(me.leave(), [Message::Bye(id(1))]);
    assert!(me.leave().is_empty());
    assert_eq!(me.next_deadline(), None);
}

#[test]
fn messages_round_trip_on_the_wire_and_strangers_are_ignored() {
    for m in [
        Message::Here {
            id: id(1_700_000_000_000),
            eligible: true,
        },
        Message::Here {
            id: MemberId {
                joined: 5,
                nonce: u64::MAX,
            },
            eligible: false,
        },
        Message::Bye(id(9)),
    ] {
        assert_eq!(Message::from_wire(&m.to_wire()), Some(m), "{}", m.to_wire());
    }
    for text in [
        "",
        "hello",
        "tau-sounder/2 here 1 2 1",
        "tau-sounder/1 here 1 2",
        "tau-sounder/1 here 1 2 1 x",
        "tau-sounder/1 bye -1 2",
        "tau-sounder/1 here 1 2 yes",
    ] {
        assert_eq!(Message::from_wire(text), None, "{text:?}");
    }
}
