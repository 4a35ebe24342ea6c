//! The Fluent side of the i18n layer: the `.ftl` files of `app/locales/`, embedded in the binary,
//! one bundle per language and file, and the `texts!` macro that turns a list of fields into a
//! struct of texts (`&'static str`, arrays of them, closures that format a message with named
//! arguments) and its loader. A message missing in a language falls back to English, then to
//! Italian (the test `every_message_exists_in_every_language` keeps that from happening).

use std::borrow::Cow;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use super::{Lang, SmsFacts};

pub type Bundle = FluentBundle<FluentResource>;

/// The four files of each language, in this order.
#[cfg(test)]
pub(crate) const FILES: [&str; 4] = ["cupola.ftl", "messages.ftl", "recall.ftl", "legal.ftl"];
/// Which file a struct of texts reads.
pub(crate) const MAIN: usize = 0;
pub(crate) const MESSAGES: usize = 1;
pub(crate) const RECALL: usize = 2;
/// The legal documents: complete in Italian and English; a language whose file holds no
/// message shows the English text (see `Lang::legal`).
pub(crate) const LEGAL: usize = 3;

macro_rules! sources {
    ($($code:literal),*) => {
        [$([
            include_str!(concat!("../../locales/", $code, "/cupola.ftl")),
            include_str!(concat!("../../locales/", $code, "/messages.ftl")),
            include_str!(concat!("../../locales/", $code, "/recall.ftl")),
            include_str!(concat!("../../locales/", $code, "/legal.ftl")),
        ]),*]
    };
}

/// The `.ftl` sources, in the order of `Lang::ALL` and `FILES`.
pub(crate) const SOURCES: [[&str; 4]; Lang::ALL.len()] =
    sources!("it", "en", "ro", "sq", "zh-Hans", "ar", "uk");

/// A bundle per language and file. A file that does not parse keeps the messages that do (the
/// test reports the errors).
static BUNDLES: LazyLock<Vec<[Bundle; 4]>> = LazyLock::new(|| {
    Lang::ALL
        .iter()
        .map(|&lang| {
            [0, 1, 2, 3].map(|file| {
                let id = lang.code().parse().unwrap_or_default();
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                // No FSI/PDI marks around values: they would reach SMS and e-mail subjects.
                bundle.set_use_isolating(false);
                let source = SOURCES[lang as usize][file].to_owned();
                let resource = FluentResource::try_new(source).unwrap_or_else(|(res, _)| res);
                bundle.add_resource_overriding(resource);
                bundle
            })
        })
        .collect()
});

pub(crate) fn bundle(lang: Lang, file: usize) -> &'static Bundle {
    &BUNDLES[lang as usize][file]
}

/// Where a language's messages are looked up: its own file, then English, then Italian.
#[derive(Clone, Copy)]
pub struct Chain([&'static Bundle; 3]);

impl Chain {
    pub fn new(lang: Lang, file: usize) -> Chain {
        Chain([
            bundle(lang, file),
            bundle(Lang::En, file),
            bundle(Lang::It, file),
        ])
    }

    /// The message `id` formatted with `args`; the id itself if no language has it.
    pub fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        for bundle in self.0 {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle
                    .format_pattern(pattern, args, &mut errors)
                    .into_owned();
            }
        }
        id.to_owned()
    }

    /// A text without values, formatted once and kept for the life of the process.
    pub fn leak(&self, id: &str) -> &'static str {
        Box::leak(self.format(id, None).into_boxed_str())
    }
}

/// A value passed to a message: numbers as Fluent numbers (plural categories work), texts as
/// strings, options as a value or the string `none`.
pub trait Arg {
    fn put(&self, name: &'static str, args: &mut FluentArgs<'static>);
    /// The argument names a message sees for a parameter called `name`.
    #[cfg(test)]
    fn names(name: &'static str) -> Vec<&'static str> {
        vec![name]
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl Arg for $t {
            fn put(&self, name: &'static str, args: &mut FluentArgs<'static>) {
                args.set(name, FluentValue::from(*self));
            }
        }
    )*};
}
number_arg!(usize, u64, i64, u32, i32);

impl Arg for &str {
    fn put(&self, name: &'static str, args: &mut FluentArgs<'static>) {
        args.set(name, FluentValue::String(Cow::Owned((*self).to_owned())));
    }
}

impl<T: Arg> Arg for Option<T> {
    fn put(&self, name: &'static str, args: &mut FluentArgs<'static>) {
        match self {
            Some(value) => value.put(name, args),
            None => args.set(name, "none"),
        }
    }
}

/// `yes`, `no`, or (as an option) `none`, for a selector.
impl Arg for bool {
    fn put(&self, name: &'static str, args: &mut FluentArgs<'static>) {
        args.set(name, if *self { "yes" } else { "no" });
    }
}

/// The facts of a short message, each under its own name.
impl Arg for &SmsFacts<'_> {
    fn put(&self, _name: &'static str, args: &mut FluentArgs<'static>) {
        for (name, value) in [
            ("code", self.code),
            ("date", self.date),
            ("time", self.time),
            ("place", self.place),
            ("link", self.link),
            ("link2", self.link2),
            ("until", self.until),
            ("current", self.current),
        ] {
            value.put(name, args);
        }
    }

    #[cfg(test)]
    fn names(_name: &'static str) -> Vec<&'static str> {
        vec![
            "code", "date", "time", "place", "link", "link2", "until", "current",
        ]
    }
}

/// The type of a field of kind `str`, `[str; N]`, `fn(name: type, ...)` or a nested struct.
macro_rules! text_type {
    (str) => { &'static str };
    ([str; $n:literal]) => { [&'static str; $n] };
    (fn ($($arg:ident : $ty:ty),*)) => { Box<dyn Fn($($ty),*) -> String + Send + Sync> };
    ($nested:ident) => { $nested };
}

/// The value of a field, read from `chain` (a nested struct reads its own file).
macro_rules! text_value {
    ($lang:ident, $chain:ident, $field:ident, str) => {
        $chain.leak(stringify!($field))
    };
    ($lang:ident, $chain:ident, $field:ident, [str; $n:literal]) => {
        std::array::from_fn(|i| $chain.leak(&format!("{}-{i}", stringify!($field))))
    };
    ($lang:ident, $chain:ident, $field:ident, fn ($($arg:ident : $ty:ty),*)
        $(where $($extra:ident = $value:expr),*)?) => {{
        let chain = $chain;
        Box::new(move |$($arg: $ty),*| -> String {
            let mut args = fluent_bundle::FluentArgs::new();
            $( $crate::i18n::fluent::Arg::put(&$arg, stringify!($arg), &mut args); )*
            $($( $crate::i18n::fluent::Arg::put(&$value, stringify!($extra), &mut args); )*)?
            chain.format(stringify!($field), Some(&args))
        })
    }};
    ($lang:ident, $chain:ident, $field:ident, $nested:ident) => {
        $nested::load($lang)
    };
}

/// The message ids of a field and the argument names each one is formatted with.
#[cfg(test)]
macro_rules! text_ids {
    ($ids:ident, $field:ident, str) => {
        $ids.push((stringify!($field).to_owned(), Vec::new()))
    };
    ($ids:ident, $field:ident, [str; $n:literal]) => {
        for i in 0..$n {
            $ids.push((format!("{}-{i}", stringify!($field)), Vec::new()));
        }
    };
    ($ids:ident, $field:ident, fn ($($arg:ident : $ty:ty),*)
        $(where $($extra:ident = $value:expr),*)?) => {{
        #[allow(unused_mut)]
        let mut names: Vec<&'static str> = Vec::new();
        $( names.extend(<$ty as $crate::i18n::fluent::Arg>::names(stringify!($arg))); )*
        $($( names.push(stringify!($extra)); )*)?
        $ids.push((stringify!($field).to_owned(), names));
    }};
    ($ids:ident, $field:ident, $nested:ident) => {};
}

/// A struct of texts read from one Fluent file. Each field is listed once, with its kind:
/// `name: str`, `name: [str; N]`, `name: fn(arg: Type, ...)` (a closure; the message sees each
/// argument by name, plus any `where { extra = expression }` computed from them), or
/// `name: OtherTexts` (a nested struct with its own file). The message id is the field name;
/// array items are `name-0`, `name-1`, ...
macro_rules! texts {
    (
        $(#[$meta:meta])*
        pub struct $name:ident in $file:path {
            $(
                $(#[$fmeta:meta])*
                $field:ident : $kind:tt $(($($arg:ident : $ty:ty),*))?
                    $(where { $($extra:ident = $value:expr),* })?
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $(
                $(#[$fmeta])*
                pub $field: $crate::i18n::fluent::text_type!($kind $(($($arg : $ty),*))?),
            )*
        }

        impl $name {
            /// Every text of `lang`, formatted once (the values leak: one copy per language).
            pub fn load(lang: $crate::i18n::Lang) -> $name {
                let chain = $crate::i18n::fluent::Chain::new(lang, $file);
                let _ = &chain;
                $name {
                    $(
                        $field: $crate::i18n::fluent::text_value!(lang, chain, $field, $kind
                            $(($($arg : $ty),*))? $(where $($extra = $value),*)?),
                    )*
                }
            }

            /// The message ids this struct reads, with the argument names of each.
            #[cfg(test)]
            #[allow(clippy::vec_init_then_push)]
            pub(crate) fn message_ids() -> Vec<(String, Vec<&'static str>)> {
                let mut ids = Vec::new();
                $(
                    $crate::i18n::fluent::text_ids!(ids, $field, $kind
                        $(($($arg : $ty),*))? $(where $($extra = $value),*)?);
                )*
                ids
            }
        }
    };
}

#[cfg(test)]
pub(crate) use text_ids;
pub(crate) use {text_type, text_value, texts};
