#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Strict numeric address parsing (dotted-quad IPv4, RFC 4291 IPv6) through `inet_pton`.
enum IPAddressParser {
    static func ipv4(_ text: String) -> [UInt8]? {
        var addr = in_addr()
        guard inet_pton(AF_INET, text, &addr) == 1 else { return nil }
        return withUnsafeBytes(of: &addr) { Array($0) }
    }

    static func ipv6(_ text: String) -> [UInt8]? {
        var addr = in6_addr()
        let bare = text.hasPrefix("[") && text.hasSuffix("]") ? String(text.dropFirst().dropLast()) : text
        // Drop a zone id (fe80::1%eth0): the address part decides.
        let unzoned = bare.split(separator: "%", maxSplits: 1).first.map(String.init) ?? bare
        guard inet_pton(AF_INET6, unzoned, &addr) == 1 else { return nil }
        return withUnsafeBytes(of: &addr) { Array($0) }
    }
}

extension IPAddressParser {
    /// The textual form of an address given as bytes (4 for IPv4, 16 for IPv6).
    static func render(_ bytes: [UInt8]) -> String {
        let family = bytes.count == 4 ? AF_INET : AF_INET6
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        let ok = bytes.withUnsafeBytes { raw in
            buffer.withUnsafeMutableBufferPointer { out in
                inet_ntop(family, raw.baseAddress, out.baseAddress, socklen_t(out.count)) != nil
            }
        }
        guard ok else { return "?" }
        let end = buffer.firstIndex(of: 0) ?? buffer.endIndex
        return String(decoding: buffer[..<end].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
