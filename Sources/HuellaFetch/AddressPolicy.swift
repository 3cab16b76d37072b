/// Decides whether huella may connect to an IP address.
///
/// The SSRF guard: by default only public unicast addresses are allowed. Loopback,
/// private, shared (CGNAT), link-local (cloud metadata), unique-local, multicast,
/// reserved, documentation and unspecified ranges are refused, in IPv4 and IPv6,
/// including IPv4 addresses embedded in IPv6 (mapped, compatible, NAT64, 6to4, Teredo).
/// The check runs on the numeric address curl is about to connect to, so the spelling
/// of the URL (`127.1`, `0x7f000001`, `2130706433`, `[::ffff:127.0.0.1]`) is irrelevant.
public enum AddressPolicy {
    /// Whether an IPv4 address (4 bytes, network order) is public unicast.
    public static func isPublic(ipv4 b: [UInt8]) -> Bool {
        guard b.count == 4 else { return false }
        let (a0, a1, a2) = (b[0], b[1], b[2])
        switch a0 {
        case 0, 10, 127: return false  // "this network", private, loopback
        case 100 where (64...127).contains(a1): return false  // shared address space (CGNAT)
        case 169 where a1 == 254: return false  // link-local, cloud metadata
        case 172 where (16...31).contains(a1): return false  // private
        case 192 where a1 == 0 && a2 == 0: return false  // IETF protocol assignments
        case 192 where a1 == 0 && a2 == 2: return false  // TEST-NET-1
        case 192 where a1 == 88 && a2 == 99: return false  // 6to4 relay anycast (deprecated)
        case 192 where a1 == 168: return false  // private
        case 198 where a1 == 18 || a1 == 19: return false  // benchmarking
        case 198 where a1 == 51 && a2 == 100: return false  // TEST-NET-2
        case 203 where a1 == 0 && a2 == 113: return false  // TEST-NET-3
        case 224...255: return false  // multicast, reserved, broadcast
        default: return true
        }
    }

    /// Whether an IPv6 address (16 bytes, network order) is public unicast.
    public static func isPublic(ipv6 b: [UInt8]) -> Bool {
        guard b.count == 16 else { return false }
        // IPv4-mapped ::ffff:a.b.c.d and the deprecated IPv4-compatible ::a.b.c.d
        // (which includes :: and ::1).
        if b[0..<10].allSatisfy({ $0 == 0 }) {
            if b[10] == 0xff && b[11] == 0xff { return isPublic(ipv4: Array(b[12..<16])) }
            if b[10] == 0 && b[11] == 0 { return false }
        }
        // NAT64 64:ff9b::/96 and the local-use 64:ff9b:1::/48: judge the embedded IPv4.
        if b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b {
            if b[4..<12].allSatisfy({ $0 == 0 }) { return isPublic(ipv4: Array(b[12..<16])) }
            return false
        }
        // 6to4 2002::/16 embeds an IPv4 address in bytes 2...5.
        if b[0] == 0x20 && b[1] == 0x02 { return isPublic(ipv4: Array(b[2..<6])) }
        // IETF protocol assignments 2001::/23: Teredo (which embeds an obfuscated
        // client address), benchmarking, ORCHID and the like.
        if b[0] == 0x20 && b[1] == 0x01 && b[2] < 0x02 { return false }
        // Documentation 2001:db8::/32.
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8 { return false }
        if b[0] == 0xff { return false }  // multicast
        if (b[0] & 0xfe) == 0xfc { return false }  // unique-local fc00::/7
        if b[0] == 0xfe && (b[1] & 0xc0) == 0x80 { return false }  // link-local fe80::/10
        if b[0] == 0xfe && (b[1] & 0xc0) == 0xc0 { return false }  // site-local fec0::/10 (deprecated)
        if b[0] == 0x01 && b[1] == 0x00 && b[2..<8].allSatisfy({ $0 == 0 }) { return false }  // discard 100::/64
        // Only the global unicast block 2000::/3 is routable on the public internet.
        return (b[0] & 0xe0) == 0x20
    }

    /// Parses a numeric address as curl reports it (`127.0.0.1`, `::1`) and judges it.
    /// Anything that is not a numeric address is refused.
    public static func isPublic(numeric address: String) -> Bool {
        if let v4 = IPAddressParser.ipv4(address) { return isPublic(ipv4: v4) }
        if let v6 = IPAddressParser.ipv6(address) { return isPublic(ipv6: v6) }
        return false
    }
}

/// Whether text is a numeric address (for validating options).
public enum IPAddressCheck {
    public static func isNumeric(_ text: String) -> Bool {
        IPAddressParser.ipv4(text) != nil || IPAddressParser.ipv6(text) != nil
    }
}
