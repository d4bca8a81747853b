//! The checks the setters make before any request.

use sipgateio_core::validate::{ExtensionType, extension_type};
use sipgateio_core::{Error, Result};
use sipgateio_types::url::check_http_url;

use crate::ExtensionId;

/// A webhook URL must be an absolute `http(s)` URL with a host: the shared rule of
/// [`check_http_url`] (any case of the scheme, no whitespace, a valid port).
pub(crate) fn webhook_url(field: &'static str, url: &str) -> Result<()> {
    check_http_url(url)
        .map_err(|invalid| Error::invalid_input(field, format!("{invalid}, got {url:?}")))
}

/// Every whitelist entry must be a phoneline (`p…`) or group (`g…`) extension. The error
/// names the first bad entry (once) and its position.
pub(crate) fn whitelist(extensions: &[ExtensionId]) -> Result<()> {
    for (index, extension) in extensions.iter().enumerate() {
        let extension = extension.as_str();
        if !matches!(
            extension_type(extension),
            Some(ExtensionType::Phoneline | ExtensionType::Group)
        ) {
            return Err(Error::invalid_input(
                format!("whitelist[{index}]"),
                format!(
                    "only phoneline (p0, p1, …) and group (g0, g1, …) extensions are allowed, got {extension:?}"
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_need_an_http_scheme_in_any_case_and_a_host() {
        for url in [
            "https://example.com/hook",
            "HTTP://x",
            "HttpS://x?a=1&b=2",
            "http://10.0.0.1:8080/in",
        ] {
            assert!(webhook_url("url", url).is_ok(), "{url}");
        }
        for url in [
            "",
            "example.com",
            "ftp://x",
            "http:/x",
            "https:x",
            " http://x",
            "httpx://",
            "ü",
            "http://",
            "https:///path",
            "https://example.com/a b",
            "https://example.com:70000",
        ] {
            let error = webhook_url("url", url).expect_err(url);
            assert_eq!(error.invalid_field(), Some("url"));
        }
    }

    #[test]
    fn whitelist_accepts_only_p_and_g_extensions() {
        let ok = ["p0", "g1", "p12"].map(ExtensionId::new);
        assert!(whitelist(&ok).is_ok());
        assert!(whitelist(&[]).is_ok());
        for bad in ["e0", "w0", "p01", "g", "P0", "", "p0 "] {
            let list = [ExtensionId::new("p0"), ExtensionId::new(bad)];
            let error = whitelist(&list).expect_err(bad);
            assert_eq!(error.invalid_field(), Some("whitelist[1]"), "{bad:?}");
        }
    }
}
