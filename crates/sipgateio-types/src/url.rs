//! The http(s) URL check shared by every crate that sends a URL to sipgate (webhook URLs,
//! announcement files, XML responses).
//!
//! The rule ([`check_http_url`]): an absolute URL whose scheme is `http` or `https` (any case),
//! followed by `://` and an authority with a non-empty host; an optional `user@` and an
//! optional numeric port (≤ 65535); the host is a name, an IPv4 address or a bracketed IPv6
//! address. The whole URL carries no whitespace and no control characters. Path, query and
//! fragment are not checked further. No request is made and names are not resolved.

use std::fmt;

/// Why a URL failed [`check_http_url`]: one of the rules, as a short phrase that follows the
/// field name ("url must name a host after the scheme").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct InvalidUrl {
    rule: &'static str,
}

impl InvalidUrl {
    /// The rule the URL broke, e.g. `"must name a host after the scheme"`.
    pub fn rule(&self) -> &'static str {
        self.rule
    }
}

impl fmt::Display for InvalidUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.rule)
    }
}

impl std::error::Error for InvalidUrl {}

const NOT_HTTP: InvalidUrl = InvalidUrl {
    rule: "must be an absolute http:// or https:// URL",
};
const NO_HOST: InvalidUrl = InvalidUrl {
    rule: "must name a host after the scheme",
};
const BAD_HOST: InvalidUrl = InvalidUrl {
    rule: "must name a valid host (a name, an IPv4 address or a bracketed IPv6 address)",
};
const BAD_PORT: InvalidUrl = InvalidUrl {
    rule: "must have a port of digits only, at most 65535",
};
const WHITESPACE: InvalidUrl = InvalidUrl {
    rule: "must not contain whitespace or control characters",
};

/// Checks that `value` is an absolute `http://` or `https://` URL with a host (see the
/// [module docs](self) for the whole rule).
///
/// ```
/// use sipgateio_types::url::check_http_url;
///
/// assert!(check_http_url("https://example.com/hook").is_ok());
/// assert!(check_http_url("HTTP://10.0.0.1:8080").is_ok());
/// let error = check_http_url("http://").unwrap_err();
/// assert_eq!(error.rule(), "must name a host after the scheme");
/// assert_eq!(check_http_url("ftp://example.com").unwrap_err().to_string(),
///            "must be an absolute http:// or https:// URL");
/// ```
///
/// # Errors
/// [`InvalidUrl`] naming the first rule `value` breaks.
pub fn check_http_url(value: &str) -> Result<(), InvalidUrl> {
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(WHITESPACE);
    }
    let rest = strip_scheme(value, "https://")
        .or_else(|| strip_scheme(value, "http://"))
        .ok_or(NOT_HTTP)?;
    let authority_end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    let host_and_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let (host, port) = split_port(host_and_port)?;
    if host.is_empty() {
        return Err(NO_HOST);
    }
    if port.is_some_and(|port| !valid_port(port)) {
        return Err(BAD_PORT);
    }
    check_host(host)
}

/// One to five digits, at most 65535 (`u16::from_str` alone would take a `+`).
fn valid_port(port: &str) -> bool {
    !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) && port.parse::<u16>().is_ok()
}

/// The rest after `scheme` when `value` starts with it in any case.
fn strip_scheme<'a>(value: &'a str, scheme: &str) -> Option<&'a str> {
    let start = value.get(..scheme.len())?;
    start
        .eq_ignore_ascii_case(scheme)
        .then(|| &value[scheme.len()..])
}

/// Splits `host[:port]` (the host may be a bracketed IPv6 address).
fn split_port(host_and_port: &str) -> Result<(&str, Option<&str>), InvalidUrl> {
    if host_and_port.starts_with('[') {
        let close = host_and_port.find(']').ok_or(BAD_HOST)?;
        let (host, after) = host_and_port.split_at(close + 1);
        return match after {
            "" => Ok((host, None)),
            _ => after
                .strip_prefix(':')
                .map(|port| (host, Some(port)))
                .ok_or(BAD_HOST),
        };
    }
    Ok(match host_and_port.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (host_and_port, None),
    })
}

fn check_host(host: &str) -> Result<(), InvalidUrl> {
    if let Some(inner) = host.strip_prefix('[') {
        let inner = inner.strip_suffix(']').ok_or(BAD_HOST)?;
        let ipv6 = !inner.is_empty()
            && inner.contains(':')
            && inner
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || matches!(b, b':' | b'.'));
        return if ipv6 { Ok(()) } else { Err(BAD_HOST) };
    }
    // Letters, digits, `-._~`, percent-escapes and sub-delimiters; non-ASCII letters are
    // international names.
    let allowed = |c: char| {
        !c.is_ascii()
            || c.is_ascii_alphanumeric()
            || matches!(
                c,
                '-' | '.'
                    | '_'
                    | '~'
                    | '%'
                    | '!'
                    | '$'
                    | '&'
                    | '\''
                    | '('
                    | ')'
                    | '*'
                    | '+'
                    | ','
                    | ';'
                    | '='
            )
    };
    if host.chars().all(allowed) && host.chars().any(|c| c != '.') {
        Ok(())
    } else {
        Err(BAD_HOST)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_urls() {
        for url in [
            "https://host/p",
            "https://x",
            "http://example.com",
            "HTTP://x",
            "HttpS://x?a=1&b=2",
            "https://example.com/hook#frag",
            "https://example.com:8443/a.wav",
            "http://127.0.0.1:80",
            "http://[::1]:8080/x",
            "http://[2001:db8::1]",
            "https://user:secret@example.com/",
            "https://bücher.example/",
            "https://example.com?x=1",
            "https://my-host_1.example.com",
        ] {
            assert_eq!(check_http_url(url), Ok(()), "{url}");
        }
    }

    #[test]
    fn bad_urls() {
        for (url, error) in [
            ("", NOT_HTTP),
            ("example.com", NOT_HTTP),
            ("ftp://x", NOT_HTTP),
            ("http:/x", NOT_HTTP),
            ("https:x", NOT_HTTP),
            ("httpx://", NOT_HTTP),
            ("//example.com", NOT_HTTP),
            ("ü", NOT_HTTP),
            ("http://", NO_HOST),
            ("https://", NO_HOST),
            ("HTTPS://", NO_HOST),
            ("https:///a.wav", NO_HOST),
            ("https://?x", NO_HOST),
            ("https://#x", NO_HOST),
            ("https://user@", NO_HOST),
            ("https://:8080/", NO_HOST),
            ("https://x:", BAD_PORT),
            ("https://x:99999", BAD_PORT),
            ("https://x:8o", BAD_PORT),
            ("https://x:+80", BAD_PORT),
            ("https://a:1:2", BAD_PORT),
            ("https://[::1", BAD_HOST),
            ("https://[]", BAD_HOST),
            ("https://[::1]x", BAD_HOST),
            ("https://[example.com]", BAD_HOST),
            ("https://ex<ample>.com", BAD_HOST),
            ("https://a|b", BAD_HOST),
            ("https://..", BAD_HOST),
            ("https:\\\\x", NOT_HTTP),
            (" https://x", WHITESPACE),
            ("https://x ", WHITESPACE),
            ("https://exa mple.com", WHITESPACE),
            ("https://x/a b", WHITESPACE),
            ("https://x/\u{0}", WHITESPACE),
            ("https://x\n", WHITESPACE),
            ("https://x/\u{7f}", WHITESPACE),
        ] {
            assert_eq!(check_http_url(url), Err(error), "{url:?}");
        }
    }

    #[test]
    fn errors_read_after_the_field_name() {
        let error = check_http_url("https://").expect_err("no host");
        assert_eq!(
            format!("url {error}"),
            "url must name a host after the scheme"
        );
        assert_eq!(error.rule(), error.to_string());
    }
}
