//! Alert images through TAU's Helix passthrough: viewers' profile pictures and cheermotes,
//! fetched once per session and cached; any failure just means no image.

use crate::settings::origin::TauOrigin;
use crate::settings::Token;
use crate::tau::rest::{helix_users_path, parse_cheermotes, parse_helix_users, CacheEntry, Cheermote, ProfileCache};
use crate::web::browser::http;
use crate::web::browser::page;
use leptos::prelude::*;

struct Images {
    profiles: ProfileCache,
    cheermotes: Option<Vec<Cheermote>>,
    cheermotes_requested: bool,
    /// The only origin the token goes to.
    origin: TauOrigin,
    token: Token,
}

/// A handle to the image cache owned by the current component (`Copy`).
#[derive(Clone, Copy)]
pub struct HelixImages {
    state: StoredValue<Images, LocalStorage>,
    /// Bumped whenever the cache learns something, so views re-read it.
    version: RwSignal<u64>,
}

/// Options for [`use_helix_images`].
pub struct UseHelixImagesOptions {
    /// The only origin the token goes to.
    pub origin: TauOrigin,
    /// The TAU token.
    pub token: Token,
}

/// What [`use_helix_images`] returns: the cache's handle.
pub type UseHelixImagesReturn = HelixImages;

/// Creates the cache for the TAU at `origin` with `token`.
pub fn use_helix_images(options: UseHelixImagesOptions) -> UseHelixImagesReturn {
    let UseHelixImagesOptions { origin, token } = options;
    let images = Images {
        profiles: ProfileCache::default(),
        cheermotes: None,
        cheermotes_requested: false,
        origin,
        token,
    };
    HelixImages {
        state: StoredValue::new_local(images),
        version: RwSignal::new(0),
    }
}

impl HelixImages {
    /// The profile picture of `login` (reactive); starts a lookup the first time.
    pub fn avatar(&self, login: &str) -> Option<String> {
        self.version.track();
        let entry = self.state.try_with_value(|s| s.profiles.get(login))?;
        match entry {
            CacheEntry::Hit(url) => url,
            CacheEntry::Pending => None,
            CacheEntry::Miss => {
                self.fetch_profile(login.to_string());
                None
            }
        }
    }

    /// The global cheermote image for `bits` `Cheer` bits (reactive); fetched once.
    pub fn cheermote(&self, bits: u64) -> Option<String> {
        self.version.track();
        let (known, requested) = self.state.try_with_value(|s| {
            let image = s.cheermotes.as_ref().and_then(|all| {
                all.iter()
                    .find(|c| c.prefix.eq_ignore_ascii_case("cheer"))
                    .and_then(|c| c.image_for(bits))
                    .map(str::to_string)
            });
            (image, s.cheermotes_requested)
        })?;
        if !requested {
            self.fetch_cheermotes();
        }
        known
    }

    fn fetch_profile(&self, login: String) {
        let Some((url, token)) = self.state.try_update_value(|s| {
            s.profiles.mark_pending(&login);
            let url = s.origin.http_url(&helix_users_path(&[&login]));
            (s.origin.owns(&url).then_some(url), s.token.clone())
        }) else {
            return;
        };
        let Some(url) = url else {
            refused();
            self.state.try_update_value(|s| s.profiles.fail(&[&login]));
            return;
        };
        let this = *self;
        leptos::task::spawn_local(async move {
            let users = match http::get(&url, Some(&token)).await {
                Ok(reply) if reply.status == 200 => {
                    crate::tau::wire::parse(&reply.body).ok().map(|v| parse_helix_users(&v))
                }
                _ => None,
            };
            this.state.try_update_value(|s| match &users {
                Some(users) => s.profiles.fill(&[&login], users),
                None => s.profiles.fail(&[&login]),
            });
            this.version.try_update(|v| *v += 1);
        });
    }

    fn fetch_cheermotes(&self) {
        let Some((url, token)) = self.state.try_update_value(|s| {
            s.cheermotes_requested = true;
            let url = s.origin.http_url("/api/twitch/helix/bits/cheermotes");
            (s.origin.owns(&url).then_some(url), s.token.clone())
        }) else {
            return;
        };
        let Some(url) = url else {
            refused();
            return;
        };
        let this = *self;
        leptos::task::spawn_local(async move {
            let cheermotes = match http::get(&url, Some(&token)).await {
                Ok(reply) if reply.status == 200 => crate::tau::wire::parse(&reply.body)
                    .ok()
                    .map(|v| parse_cheermotes(&v))
                    .unwrap_or_default(),
                _ => Vec::new(),
            };
            this.state.try_update_value(|s| s.cheermotes = Some(cheermotes));
            this.version.try_update(|v| *v += 1);
        });
    }
}

/// A request that would carry the token away from TAU was not made.
fn refused() {
    page::warn("a Helix request to another host than TAU was refused (the token is only sent to TAU)");
}
