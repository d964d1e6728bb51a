//! The built-in chimes: a few tones per class, synthesised by the shell with Web Audio, so the
//! default sounds cost 0 bytes of download.

use super::input::AlertClass;
use core::time::Duration;

/// One tone of a synthesised chime.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Note {
    /// Pitch.
    pub freq_hz: u16,
    /// Start, after the chime's start.
    pub start_ms: u16,
    /// Length, including its fade out.
    pub length_ms: u16,
}

const fn note(freq_hz: u16, start_ms: u16, length_ms: u16) -> Note {
    Note {
        freq_hz,
        start_ms,
        length_ms,
    }
}

/// The built-in chime of `class`: a few tones, distinct per class, 0 bytes to download.
pub fn chime(class: AlertClass) -> &'static [Note] {
    const RAID: &[Note] = &[
        note(392, 0, 500),
        note(523, 110, 500),
        note(659, 220, 500),
        note(784, 330, 700),
    ];
    const GIFT_BOMB: &[Note] = &[
        note(523, 0, 350),
        note(659, 80, 350),
        note(784, 160, 350),
        note(1047, 240, 600),
    ];
    const SUB: &[Note] = &[note(659, 0, 400), note(880, 140, 600)];
    const RESUB: &[Note] = &[note(587, 0, 400), note(880, 140, 600)];
    const CHEER: &[Note] = &[note(988, 0, 250), note(1319, 90, 450)];
    const REDEMPTION: &[Note] = &[note(523, 0, 350), note(784, 160, 500)];
    const FOLLOW: &[Note] = &[note(784, 0, 300), note(1175, 120, 450)];
    const OTHER: &[Note] = &[note(440, 0, 350), note(660, 150, 450)];
    match class {
        AlertClass::Raid => RAID,
        AlertClass::GiftBomb => GIFT_BOMB,
        AlertClass::Sub => SUB,
        AlertClass::Resub => RESUB,
        AlertClass::Cheer => CHEER,
        AlertClass::Redemption => REDEMPTION,
        AlertClass::Follow => FOLLOW,
        AlertClass::Other(_) => OTHER,
    }
}

/// How long a chime sounds.
pub fn chime_length(notes: &[Note]) -> Duration {
    let end = notes
        .iter()
        .map(|n| u64::from(n.start_ms) + u64::from(n.length_ms))
        .max();
    Duration::from_millis(end.unwrap_or(0))
}
