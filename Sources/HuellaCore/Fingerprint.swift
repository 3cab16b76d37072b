/// Stable identifiers for findings: FNV-1a (128-bit) over the parts, hex-encoded.
///
/// Not a cryptographic hash; it only has to be stable across runs and machines and
/// collision-free in practice for the findings of one roster.
public enum Fingerprint {
    /// The fingerprint of an ordered list of parts (joined with a separator byte).
    public static func of(_ parts: [String]) -> String {
        // FNV-1a 128-bit, computed on two 64-bit halves with the 128-bit prime
        // 2^88 + 2^8 + 0x3b.
        var hi: UInt64 = 0x6c62_272e_07bb_0142
        var lo: UInt64 = 0x62b8_2175_6295_c58d
        func mix(_ byte: UInt8) {
            lo ^= UInt64(byte)
            // (hi, lo) * (2^88 + 0x13b)
            let (p1hi, p1lo) = lo.multipliedFullWidth(by: 0x13b)
            let newHi = hi &* 0x13b &+ p1hi &+ (lo << 24)
            hi = newHi
            lo = p1lo
        }
        for (index, part) in parts.enumerated() {
            if index > 0 { mix(0x1f) }
            for byte in part.utf8 { mix(byte) }
        }
        return hex(hi) + hex(lo)
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
