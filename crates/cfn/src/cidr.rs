//! `Fn::Cidr` for IPv4 ("Fn::Cidr", CloudFormation Template Reference): `[ipBlock, count,
//! cidrBits]` gives `count` consecutive CIDR blocks of `2^cidrBits` addresses each (a mask
//! of `/(32 - cidrBits)`), from the start of `ipBlock`. IPv6 blocks are not computed.

/// The `count` blocks of `cidr_bits` subnet bits carved from `block` (`10.0.0.0/16`), or
/// why they cannot be.
pub(crate) fn cidrs(block: &str, count: u64, cidr_bits: u32) -> Result<Vec<String>, String> {
    let (address, prefix) = block
        .split_once('/')
        .ok_or_else(|| format!("Fn::Cidr: `{block}` is not a CIDR block"))?;
    let prefix: u32 = prefix.parse().ok().filter(|p| *p <= 32).ok_or_else(|| {
        format!("Fn::Cidr: `{block}` has no IPv4 prefix length (IPv6 blocks are not computed)")
    })?;
    let octets: Vec<u32> = address
        .split('.')
        .map(|o| o.parse::<u8>().map(u32::from))
        .collect::<Result<_, _>>()
        .map_err(|_| {
            format!("Fn::Cidr: `{address}` is not an IPv4 address (IPv6 blocks are not computed)")
        })?;
    let [a, b, c, d] = octets.as_slice() else {
        return Err(format!("Fn::Cidr: `{address}` is not an IPv4 address"));
    };
    if !(1..=256).contains(&count) {
        return Err(format!(
            "Fn::Cidr: the count {count} is not between 1 and 256"
        ));
    }
    let fits = cidr_bits <= 32 - prefix
        && u64::from(32 - prefix - cidr_bits) < 64
        && count <= 1u64 << (32 - prefix - cidr_bits);
    if !fits {
        return Err(format!(
            "Fn::Cidr: {count} blocks of {cidr_bits} bits do not fit in {block}"
        ));
    }
    let mask = if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - prefix)
    };
    let start = u64::from(((a << 24) | (b << 16) | (c << 8) | d) & mask);
    Ok((0..count)
        .map(|i| {
            let ip = start + (i << cidr_bits);
            format!(
                "{}.{}.{}.{}/{}",
                (ip >> 24) & 255,
                (ip >> 16) & 255,
                (ip >> 8) & 255,
                ip & 255,
                32 - cidr_bits
            )
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carves_blocks_as_the_reference_example() {
        assert_eq!(
            cidrs("192.168.0.0/24", 6, 5).unwrap(),
            [
                "192.168.0.0/27",
                "192.168.0.32/27",
                "192.168.0.64/27",
                "192.168.0.96/27",
                "192.168.0.128/27",
                "192.168.0.160/27"
            ]
        );
        assert_eq!(
            cidrs("10.0.0.0/16", 2, 8).unwrap(),
            ["10.0.0.0/24", "10.0.1.0/24"]
        );
        assert!(cidrs("10.0.0.0/24", 2, 8).is_err());
        assert!(cidrs("2001:db8::/32", 2, 64).is_err());
        assert!(cidrs("10.0.0.0/16", 0, 8).is_err());
    }
}
