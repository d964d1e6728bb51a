//! [`Sounder`]: which of several copies of the overlay (the same page in several OBS sources,
//! same origin) plays sound, so a streamer who put the overlay in three scenes hears each alert
//! once.
//!
//! Every copy is a member with a [`MemberId`]; the members tell each other over a broadcast
//! channel ([`Message`]) that they are here and whether they may sound (their source is visible
//! and not only on the Studio-Mode preview). The sounder is the *oldest eligible* member still
//! heard from: a copy that joins later never takes the sound from one already playing it, and
//! every member reaches the same verdict from the same messages, with no extra round of votes.
//! A member that says goodbye, turns ineligible or stays silent for [`SILENCE`] is passed over,
//! so the sound moves to the next one at once (or after [`SILENCE`] if its page hung).
//!
//! Pure and sans-IO: the browser driver sends the returned messages, feeds the ones it hears,
//! and calls [`Sounder::tick`] at [`Sounder::next_deadline`].

use crate::util::clock::Instant;
use core::time::Duration;

/// How often a member says it is here.
pub const HEARTBEAT: Duration = Duration::from_millis(1_000);
/// A member not heard from for this long is gone (its page hung or closed without a goodbye).
pub const SILENCE: Duration = Duration::from_millis(3_500);

/// A member's identity and rank: the earlier `joined` wins, `nonce` breaks ties.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MemberId {
    /// When the member joined, in wall-clock milliseconds (comparable across pages).
    pub joined: u64,
    /// A random number, unique in practice.
    pub nonce: u64,
}

/// What members tell each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Message {
    /// "I am here, and may (or may not) play sound." Sent every [`HEARTBEAT`], at once when it
    /// changes, and in answer to a member heard for the first time.
    Here {
        /// The sender.
        id: MemberId,
        /// Whether the sender may play sound.
        eligible: bool,
    },
    /// "I am leaving" (the page is closing).
    Bye(MemberId),
}

/// The prefix of every [`Message`] on the wire, with the format's version.
const WIRE: &str = "tau-sounder/1";

impl Message {
    /// The message as the short text sent over the channel: `tau-sounder/1 here <joined>
    /// <nonce> <0|1>` or `tau-sounder/1 bye <joined> <nonce>`.
    pub fn to_wire(&self) -> String {
        match self {
            Message::Here { id, eligible } => {
                format!("{WIRE} here {} {} {}", id.joined, id.nonce, u8::from(*eligible))
            }
            Message::Bye(id) => format!("{WIRE} bye {} {}", id.joined, id.nonce),
        }
    }

    /// Reads [`Message::to_wire`]'s text; `None` for anything else (another page's messages on
    /// the channel, a newer format).
    pub fn from_wire(text: &str) -> Option<Message> {
        let mut words = text.split(' ');
        if words.next()? != WIRE {
            return None;
        }
        let kind = words.next()?;
        let id = MemberId {
            joined: words.next()?.parse().ok()?,
            nonce: words.next()?.parse().ok()?,
        };
        let message = match (kind, words.next()) {
            ("here", Some("1")) => Message::Here { id, eligible: true },
            ("here", Some("0")) => Message::Here { id, eligible: false },
            ("bye", None) => Message::Bye(id),
            _ => return None,
        };
        words.next().is_none().then_some(message)
    }
}

/// This member's part in the election.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// It plays the sound.
    Sounder,
    /// It may sound, but an older eligible member does.
    Standby,
    /// It may not sound (hidden, or only on the preview).
    Ineligible,
}

impl Role {
    /// A short label for the diagnostics panel.
    pub fn label(self) -> &'static str {
        match self {
            Role::Sounder => "sounder",
            Role::Standby => "standby",
            Role::Ineligible => "ineligible",
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Peer {
    id: MemberId,
    eligible: bool,
    heard: Instant,
}

/// One member's view of the election: the oldest eligible member heard from sounds; see
/// [`HEARTBEAT`] and [`SILENCE`].
#[derive(Clone, Debug)]
pub struct Sounder {
    me: MemberId,
    eligible: bool,
    peers: Vec<Peer>,
    next_beat: Instant,
    left: bool,
}

impl Sounder {
    /// A member joining at `now`; the returned messages announce it.
    pub fn join(me: MemberId, eligible: bool, now: Instant) -> (Sounder, Vec<Message>) {
        let sounder = Sounder {
            me,
            eligible,
            peers: Vec::new(),
            next_beat: now + HEARTBEAT,
            left: false,
        };
        let hello = sounder.here();
        (sounder, vec![hello])
    }

    /// This member's id.
    pub fn id(&self) -> MemberId {
        self.me
    }

    /// A message heard from another member at `now`; returns what to send back.
    pub fn heard(&mut self, message: Message, now: Instant) -> Vec<Message> {
        self.forget_silent(now);
        match message {
            _ if self.left => Vec::new(),
            Message::Here { id, .. } | Message::Bye(id) if id == self.me => Vec::new(),
            Message::Here { id, eligible } => match self.peers.iter_mut().find(|p| p.id == id) {
                Some(peer) => {
                    peer.eligible = eligible;
                    peer.heard = now;
                    Vec::new()
                }
                None => {
                    self.peers.push(Peer {
                        id,
                        eligible,
                        heard: now,
                    });
                    vec![self.here()]
                }
            },
            Message::Bye(id) => {
                self.peers.retain(|p| p.id != id);
                Vec::new()
            }
        }
    }

    /// Whether this member may sound changed (visibility, program output); returns the news.
    pub fn set_eligible(&mut self, eligible: bool, now: Instant) -> Vec<Message> {
        self.forget_silent(now);
        if self.left || eligible == self.eligible {
            return Vec::new();
        }
        self.eligible = eligible;
        self.next_beat = now + HEARTBEAT;
        vec![self.here()]
    }

    /// Time passed: forgets silent members and says "here" when a heartbeat is due.
    pub fn tick(&mut self, now: Instant) -> Vec<Message> {
        self.forget_silent(now);
        if self.left || now < self.next_beat {
            return Vec::new();
        }
        self.next_beat = now + HEARTBEAT;
        vec![self.here()]
    }

    /// The page is going away: the goodbye to send. Later calls do nothing.
    pub fn leave(&mut self) -> Vec<Message> {
        if std::mem::replace(&mut self.left, true) {
            return Vec::new();
        }
        vec![Message::Bye(self.me)]
    }

    /// When [`Sounder::tick`] has work: the next heartbeat, or the moment a member falls silent.
    pub fn next_deadline(&self) -> Option<Instant> {
        if self.left {
            return None;
        }
        let silent = self.peers.iter().map(|p| p.heard + SILENCE).min();
        Some(silent.map_or(self.next_beat, |s| s.min(self.next_beat)))
    }

    /// This member's role at `now`.
    pub fn role(&self, now: Instant) -> Role {
        if self.left || !self.eligible {
            return Role::Ineligible;
        }
        let older = self
            .peers
            .iter()
            .any(|p| p.eligible && p.id < self.me && now < p.heard + SILENCE);
        if older {
            Role::Standby
        } else {
            Role::Sounder
        }
    }

    /// How many other members are heard from at `now`.
    pub fn peers(&self, now: Instant) -> usize {
        self.peers.iter().filter(|p| now < p.heard + SILENCE).count()
    }

    fn here(&self) -> Message {
        Message::Here {
            id: self.me,
            eligible: self.eligible,
        }
    }

    fn forget_silent(&mut self, now: Instant) {
        self.peers.retain(|p| now < p.heard + SILENCE);
    }
}
