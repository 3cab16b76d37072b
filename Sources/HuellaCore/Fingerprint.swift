import Foundation

/// Stable identifiers for findings: FNV-1a (128-bit) over the parts, hex-encoded.
///
/// Not a cryptographic hash; it only has to be stable across runs and machines and
/// collision-free in practice for the findings of one roster.
public enum Fingerprint {
    /// The fingerprint of an ordered list of parts (joined with a separator byte).
    public static func of(_ parts: [String]) -> String {
        var hash = FNV128()
        for (index, part) in parts.enumerated() {
            if index > 0 { hash.mix(0x1f) }
            hash.add(part.utf8)
        }
        return hash.hex
    }
}

/// FNV-1a with 128 bits, fed byte by byte; `Fingerprint` and the auditor's reuse keys use it.
public struct FNV128: Sendable {
    // Computed on two 64-bit halves with the 128-bit prime 2^88 + 2^8 + 0x3b.
    private var hi: UInt64 = 0x6c62_272e_07bb_0142
    private var lo: UInt64 = 0x62b8_2175_6295_c58d

    public init() {}

    @inline(__always)
    public mutating func mix(_ byte: UInt8) {
        lo ^= UInt64(byte)
        // (hi, lo) * (2^88 + 0x13b)
        let (p1hi, p1lo) = lo.multipliedFullWidth(by: 0x13b)
        hi = hi &* 0x13b &+ p1hi &+ (lo << 24)
        lo = p1lo
    }

    public mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { mix(byte) }
    }

    /// A part of a key made of several: its length first, so that no two lists of parts
    /// feed the same bytes.
    public mutating func part(_ bytes: some Collection<UInt8>) {
        add(String(bytes.count).utf8)
        mix(0x1f)
        add(bytes)
    }

    public mutating func part(_ text: String) { part(text.utf8) }

    public mutating func part(_ data: Data) {
        data.withUnsafeBytes { part($0) }
    }

    public var hex: String { Self.hex(hi) + Self.hex(lo) }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
