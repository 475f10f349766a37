//! IPv4 and IPv6 CIDR blocks for the `IpAddress` and `NotIpAddress` condition operators.

use std::net::IpAddr;

/// A network: an address and a prefix length (a bare address is a /32 or /128).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cidr {
    network: IpAddr,
    prefix: u8,
}

impl Cidr {
    /// Parses `203.0.113.0/24`, `2001:db8::/32` or a bare address.
    pub(crate) fn parse(text: &str) -> Option<Cidr> {
        let text = text.trim();
        let (addr, prefix) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p.parse::<u8>().ok()?)),
            None => (text, None),
        };
        let network: IpAddr = addr.parse().ok()?;
        let max = if network.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(max);
        (prefix <= max).then_some(Cidr { network, prefix })
    }

    /// Whether `addr` lies in this network (an IPv4-mapped IPv6 address counts as IPv4).
    pub(crate) fn contains(&self, addr: IpAddr) -> bool {
        let addr = match addr {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(addr, IpAddr::V4),
            v4 => v4,
        };
        match (self.network, addr) {
            (IpAddr::V4(n), IpAddr::V4(a)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(n) & mask == u32::from(a) & mask
            }
            (IpAddr::V6(n), IpAddr::V6(a)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(n) & mask == u128::from(a) & mask
            }
            _ => false,
        }
    }

    /// Whether bits are set after the prefix (Access Analyzer's "Improve IP range").
    pub(crate) fn has_host_bits(&self) -> bool {
        !self.contains_only_network()
    }

    fn contains_only_network(&self) -> bool {
        match self.network {
            IpAddr::V4(n) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(n) & !mask == 0
            }
            IpAddr::V6(n) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(n) & !mask == 0
            }
        }
    }

    /// Whether the whole block is private (RFC 1918, unique-local, loopback or link-local).
    pub(crate) fn is_private(&self) -> bool {
        match self.network {
            IpAddr::V4(n) => {
                (n.is_private() && self.prefix >= 8 && (n.octets()[0] == 10 || self.prefix >= 12))
                    || (n.is_loopback() && self.prefix >= 8)
                    || (n.is_link_local() && self.prefix >= 16)
            }
            IpAddr::V6(n) => {
                (n.segments()[0] & 0xfe00 == 0xfc00 && self.prefix >= 7)
                    || (n.segments()[0] & 0xffc0 == 0xfe80 && self.prefix >= 10)
                    || (n.is_loopback() && self.prefix == 128)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Cidr;

    #[test]
    fn blocks() {
        let c = Cidr::parse("203.0.113.0/24").unwrap();
        assert!(c.contains("203.0.113.7".parse().unwrap()));
        assert!(!c.contains("203.0.114.7".parse().unwrap()));
        let six = Cidr::parse("2001:db8::/32").unwrap();
        assert!(six.contains("2001:db8:1::1".parse().unwrap()));
        assert!(!six.contains("2001:db9::1".parse().unwrap()));
        assert!(Cidr::parse("0.0.0.0/0")
            .unwrap()
            .contains("1.2.3.4".parse().unwrap()));
        assert!(Cidr::parse("10.0.0.1/8").unwrap().has_host_bits());
        assert!(Cidr::parse("10.0.0.0/8").unwrap().is_private());
        assert!(Cidr::parse("1.2.3.4/33").is_none());
    }
}
