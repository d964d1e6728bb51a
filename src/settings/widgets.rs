//! The `widgets=` key: which widgets the overlay page shows.

use super::ConfigProblem;

/// A widget the overlay page can show (`widgets=alerts,chat,events,labels`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Widget {
    /// The alert box (`alerts`).
    Alerts,
    /// The chat box (`chat`; needs `chat=<login>`).
    Chat,
    /// The event list (`events`).
    Events,
    /// The latest labels (`labels`).
    Labels,
    /// The goal bar (`goal`).
    Goal,
    /// The hype-train meter (`hype`).
    Hype,
    /// The poll panel (`poll`).
    Poll,
    /// The prediction panel (`prediction`).
    Prediction,
}

impl Widget {
    /// Every widget, in the order the page lays them out.
    pub const ALL: [Widget; 8] = [
        Widget::Alerts,
        Widget::Chat,
        Widget::Events,
        Widget::Labels,
        Widget::Goal,
        Widget::Hype,
        Widget::Poll,
        Widget::Prediction,
    ];

    /// Its name in `widgets=`.
    pub fn name(self) -> &'static str {
        match self {
            Widget::Alerts => "alerts",
            Widget::Chat => "chat",
            Widget::Events => "events",
            Widget::Labels => "labels",
            Widget::Goal => "goal",
            Widget::Hype => "hype",
            Widget::Poll => "poll",
            Widget::Prediction => "prediction",
        }
    }

    /// The widget called `name` (ASCII case-insensitive, surrounding spaces ignored).
    pub fn from_name(name: &str) -> Option<Widget> {
        let name = name.trim();
        Widget::ALL.into_iter().find(|w| w.name().eq_ignore_ascii_case(name))
    }
}

/// Reads a `widgets=` value: a comma list of [`Widget::name`]s, each kept once in the order
/// given. Unknown names are problems (named, cut to 24 characters) and skipped; empty items are
/// ignored. An empty list is itself a problem (the page would show nothing), and `None` is
/// returned so the default applies.
pub(super) fn parse(value: &str, problems: &mut Vec<ConfigProblem>) -> Option<Vec<Widget>> {
    let mut widgets = Vec::new();
    for item in value.split(',').map(str::trim).filter(|i| !i.is_empty()) {
        match Widget::from_name(item) {
            Some(w) if !widgets.contains(&w) => widgets.push(w),
            Some(_) => {}
            None => problems.push(ConfigProblem::UnknownWidget(shown_name(item))),
        }
    }
    if widgets.is_empty() {
        problems.push(ConfigProblem::BadValue {
            key: "widgets".into(),
            reason: "expected a list like alerts,chat,events,labels",
        });
        return None;
    }
    Some(widgets)
}

/// An unknown widget name as a notice may show it: cut to 24 characters, and not at all when it
/// looks like a secret (a token pasted into the list).
fn shown_name(name: &str) -> String {
    if super::fragment::is_secret_like(name) {
        "(not shown)".into()
    } else {
        super::fragment::shown_key(name)
    }
}
