//! The optional source-IP allow-list, proxy-aware.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr};
use std::str::FromStr;

use axum::http::HeaderMap;

use crate::error::Error;

/// The addresses sipgate.io posts webhooks from (push-api.sipgate.net), as listed by
/// sipgateio-node 2.15. sipgate does not publish them as a stable list: check the allow-list
/// when webhooks stop arriving.
pub const SIPGATE_ADDRESSES: [IpAddr; 2] = [
    IpAddr::V4(Ipv4Addr::new(217, 116, 118, 254)),
    IpAddr::V4(Ipv4Addr::new(212, 9, 46, 32)),
];

/// An IP address or network (`10.0.0.0/8`, `2001:db8::/32`, or a single address).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IpNet {
    address: IpAddr,
    prefix: u8,
}

impl IpNet {
    /// The network `address/prefix`; the prefix is capped at the address's bit length.
    pub fn new(address: IpAddr, prefix: u8) -> Self {
        let max = if address.is_ipv4() { 32 } else { 128 };
        Self {
            address: canonical(address),
            prefix: prefix.min(max),
        }
    }

    /// Whether `address` lies in this network.
    pub fn contains(&self, address: IpAddr) -> bool {
        match (self.address, canonical(address)) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => prefix_match(
                u128::from(u32::from(net)) << 96,
                u128::from(u32::from(ip)) << 96,
                self.prefix,
            ),
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                prefix_match(u128::from(net), u128::from(ip), self.prefix)
            }
            _ => false,
        }
    }
}

fn prefix_match(net: u128, ip: u128, prefix: u8) -> bool {
    let mask = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
    net & mask == ip & mask
}

/// IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`, seen on dual-stack listeners) as IPv4.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        IpAddr::V4(_) => address,
    }
}

impl From<IpAddr> for IpNet {
    fn from(address: IpAddr) -> Self {
        Self::new(address, 128)
    }
}

impl FromStr for IpNet {
    type Err = Error;

    fn from_str(value: &str) -> Result<Self, Error> {
        let invalid = || {
            Error::invalid_input(
                "ip_allow_list",
                format!("`{value}` is not an IP address or network"),
            )
        };
        let (address, prefix) = match value.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (value, None),
        };
        let address: IpAddr = address.trim().parse().map_err(|_| invalid())?;
        let max = if address.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(prefix) => prefix
                .trim()
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(invalid)?,
            None => max,
        };
        Ok(Self::new(address, prefix))
    }
}

impl fmt::Display for IpNet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.address, self.prefix)
    }
}

/// Which source addresses may post webhooks (off unless configured).
///
/// The TCP peer address is checked. `X-Forwarded-For` is read only when the peer is one of the
/// configured trusted proxies: then the client is the rightmost address in the header that is
/// not itself a trusted proxy. A client that is not behind a trusted proxy cannot spoof its
/// address with the header.
///
/// ```
/// use std::net::IpAddr;
/// use sipgateio_webhook::IpAllowList;
/// use axum::http::HeaderMap;
///
/// let list = IpAllowList::sipgate().trust_proxy("10.0.0.0/8".parse()?);
/// let mut headers = HeaderMap::new();
/// headers.insert("x-forwarded-for", "217.116.118.254, 10.1.2.3".parse().unwrap());
/// // Behind our proxy at 10.0.0.5: the forwarded client counts.
/// assert!(list.permits("10.0.0.5".parse::<IpAddr>().unwrap(), &headers));
/// // Straight from the internet: the header is ignored, the peer counts.
/// assert!(!list.permits("203.0.113.9".parse::<IpAddr>().unwrap(), &headers));
/// # Ok::<(), sipgateio_webhook::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IpAllowList {
    allowed: Vec<IpNet>,
    trusted_proxies: Vec<IpNet>,
}

impl IpAllowList {
    /// sipgate's addresses ([`SIPGATE_ADDRESSES`]), no trusted proxies.
    pub fn sipgate() -> Self {
        Self::new(SIPGATE_ADDRESSES.map(IpNet::from))
    }

    /// Allow exactly these addresses or networks.
    pub fn new(allowed: impl IntoIterator<Item = IpNet>) -> Self {
        Self {
            allowed: allowed.into_iter().collect(),
            trusted_proxies: Vec::new(),
        }
    }

    /// Also allow this address or network.
    #[must_use]
    pub fn allow(mut self, net: IpNet) -> Self {
        self.allowed.push(net);
        self
    }

    /// Trust `X-Forwarded-For` from this proxy (address or network).
    #[must_use]
    pub fn trust_proxy(mut self, net: IpNet) -> Self {
        self.trusted_proxies.push(net);
        self
    }

    /// The client address of a request from `peer` with these headers: the peer itself, or,
    /// when the peer is a trusted proxy, the rightmost untrusted `X-Forwarded-For` entry.
    /// `None` when a forwarded entry is not an IP address.
    pub fn client_address(&self, peer: IpAddr, headers: &HeaderMap) -> Option<IpAddr> {
        let peer = canonical(peer);
        if !self.is_trusted_proxy(peer) {
            return Some(peer);
        }
        let mut client = peer;
        let forwarded: Vec<&str> = headers
            .get_all("x-forwarded-for")
            .iter()
            .map(|value| value.to_str().ok())
            .collect::<Option<_>>()?;
        for entry in forwarded.iter().flat_map(|value| value.split(',')).rev() {
            let address = canonical(entry.trim().parse::<IpAddr>().ok()?);
            client = address;
            if !self.is_trusted_proxy(address) {
                break;
            }
        }
        Some(client)
    }

    /// Whether a request from `peer` with these headers comes from an allowed address.
    pub fn permits(&self, peer: IpAddr, headers: &HeaderMap) -> bool {
        self.client_address(peer, headers)
            .is_some_and(|client| self.allowed.iter().any(|net| net.contains(client)))
    }

    fn is_trusted_proxy(&self, address: IpAddr) -> bool {
        self.trusted_proxies.iter().any(|net| net.contains(address))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(value: &str) -> IpAddr {
        value.parse().expect("test address")
    }

    fn headers(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append("x-forwarded-for", value.parse().expect("header value"));
        }
        headers
    }

    #[test]
    fn networks() {
        let net: IpNet = "10.0.0.0/8".parse().expect("valid");
        assert!(net.contains(ip("10.255.0.1")));
        assert!(!net.contains(ip("11.0.0.1")));
        assert!(net.contains(ip("::ffff:10.1.1.1")));
        let all: IpNet = "0.0.0.0/0".parse().expect("valid");
        assert!(all.contains(ip("1.2.3.4")));
        assert!(!all.contains(ip("::1")));
        let v6: IpNet = "2001:db8::/32".parse().expect("valid");
        assert!(v6.contains(ip("2001:db8:1::1")) && !v6.contains(ip("2001:db9::1")));
        let single: IpNet = "217.116.118.254".parse().expect("valid");
        assert!(single.contains(ip("217.116.118.254")) && !single.contains(ip("217.116.118.253")));
        for bad in ["", "10.0.0.0/33", "::/129", "10.0.0.0/x", "host.example"] {
            assert!(bad.parse::<IpNet>().is_err(), "{bad}");
        }
    }

    #[test]
    fn untrusted_peers_cannot_spoof() {
        let list = IpAllowList::sipgate().trust_proxy(ip("10.0.0.1").into());
        assert!(list.permits(ip("217.116.118.254"), &headers(&[])));
        assert!(list.permits(ip("::ffff:212.9.46.32"), &headers(&["1.2.3.4"])));
        assert!(!list.permits(ip("1.2.3.4"), &headers(&["217.116.118.254"])));
        assert!(!list.permits(ip("10.0.0.2"), &headers(&["217.116.118.254"])));
    }

    #[test]
    fn trusted_proxy_chains() {
        let list = IpAllowList::sipgate().trust_proxy("10.0.0.0/8".parse().expect("valid"));
        // Rightmost untrusted entry wins; a spoofed leftmost entry does not matter.
        assert!(list.permits(ip("10.0.0.1"), &headers(&["217.116.118.254"])));
        assert!(list.permits(
            ip("10.0.0.1"),
            &headers(&["6.6.6.6, 217.116.118.254, 10.2.2.2"])
        ));
        assert!(list.permits(ip("10.0.0.1"), &headers(&["6.6.6.6", "212.9.46.32"])));
        assert!(!list.permits(ip("10.0.0.1"), &headers(&["217.116.118.254, 6.6.6.6"])));
        // No header: the proxy itself is the client, and it is not allowed.
        assert!(!list.permits(ip("10.0.0.1"), &headers(&[])));
        // Garbage in the header is refused.
        assert!(!list.permits(ip("10.0.0.1"), &headers(&["217.116.118.254, nonsense"])));
        assert_eq!(list.client_address(ip("10.0.0.1"), &headers(&["x"])), None);
    }
}
