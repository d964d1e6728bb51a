//! The `widgets=` and `events_max=` fragment keys.

use tau_overlay::settings::{parse_fragment, ConfigProblem, Widget};

#[test]
fn without_the_key_the_page_shows_what_it_showed_before() {
    assert_eq!(parse_fragment("#demo").config.widgets(), [Widget::Alerts]);
    assert_eq!(
        parse_fragment("#token=t&chat=Bot").config.widgets(),
        [Widget::Alerts, Widget::Chat]
    );
}

#[test]
fn every_widget_name_is_accepted_in_any_case_and_laid_out_in_a_fixed_order() {
    let parsed = parse_fragment("#demo&widgets=prediction,POLL,hype, goal,labels,events,chat,alerts");
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(parsed.config.widgets(), Widget::ALL);
    for w in Widget::ALL {
        assert_eq!(Widget::from_name(w.name()), Some(w));
    }
}

#[test]
fn a_chosen_list_leaves_out_the_alert_box() {
    let parsed = parse_fragment("#demo&widgets=events&chat=bot");
    assert_eq!(parsed.config.widgets(), [Widget::Events]);
    assert!(!parsed.config.shows(Widget::Alerts));
}

#[test]
fn an_unknown_widget_is_a_notice_and_the_others_still_show() {
    let parsed = parse_fragment("#demo&widgets=events,evnts,,labels,events");
    assert_eq!(parsed.config.widgets(), [Widget::Events, Widget::Labels]);
    assert_eq!(parsed.problems, [ConfigProblem::UnknownWidget("evnts".into())]);
    assert_eq!(
        parsed.problems[0].to_string(),
        "unknown widget `evnts` in `widgets` (ignored)"
    );
}

#[test]
fn a_token_pasted_into_the_widget_list_is_never_shown() {
    let token = "0123456789abcdef0123456789abcdef01234567";
    let parsed = parse_fragment(&format!("#demo&widgets=events,{token}"));
    let notices: Vec<String> = parsed.problems.iter().map(ToString::to_string).collect();
    assert!(notices.iter().all(|n| !n.contains("0123456789")), "{notices:?}");
    assert_eq!(parsed.problems, [ConfigProblem::UnknownWidget("(not shown)".into())]);
}

#[test]
fn an_empty_widget_list_is_a_notice_and_keeps_the_default() {
    let parsed = parse_fragment("#demo&widgets=");
    assert_eq!(parsed.config.widgets(), [Widget::Alerts]);
    assert!(matches!(&parsed.problems[..], [ConfigProblem::BadValue { key, .. }] if key == "widgets"));
}

#[test]
fn a_later_widgets_key_wins_so_a_widget_page_can_be_narrowed() {
    let parsed = parse_fragment("#widgets=events&demo&widgets=labels");
    assert_eq!(parsed.config.widgets(), [Widget::Labels]);
}

#[test]
fn events_max_sets_the_event_list_length() {
    assert_eq!(parse_fragment("#demo").config.events_max, 8);
    assert_eq!(parse_fragment("#demo&events_max=20").config.events_max, 20);
    for bad in ["0", "51", "x", ""] {
        let parsed = parse_fragment(&format!("#demo&events_max={bad}"));
        assert_eq!(parsed.config.events_max, 8, "{bad}");
        assert!(matches!(&parsed.problems[..], [ConfigProblem::BadValue { key, .. }] if key == "events_max"));
    }
}
