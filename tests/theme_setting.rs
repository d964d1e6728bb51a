//! The `theme=` fragment key: a name the overlay turns into `themes/<name>.css`, so anything that
//! could leave that folder or inject markup is refused (and the default theme stays).

use tau_overlay::settings::{parse_fragment, ConfigProblem};

#[test]
fn theme_setting_names_a_built_in_or_user_theme() {
    for name in ["neon", "lower-third", "mine-2"] {
        let parsed = parse_fragment(&format!("#demo&theme={name}"));
        assert_eq!(parsed.config.theme.as_deref(), Some(name));
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    }
    assert_eq!(parse_fragment("#demo").config.theme, None);
}

#[test]
fn theme_setting_refuses_paths_urls_and_markup() {
    let long = "a".repeat(41);
    for bad in [
        "",
        "../secret",
        "themes/neon",
        "https://evil.example/x",
        "Neon",
        "neon.css",
        "a\"b",
        "%2e%2e",
        &long,
    ] {
        let parsed = parse_fragment(&format!("#demo&theme={bad}"));
        assert_eq!(parsed.config.theme, None, "accepted {bad:?}");
        assert!(
            matches!(&parsed.problems[..], [ConfigProblem::BadValue { key, .. }] if key == "theme"),
            "{bad:?}: {:?}",
            parsed.problems
        );
    }
}
