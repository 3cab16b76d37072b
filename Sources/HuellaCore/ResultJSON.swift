import Foundation

/// An assistant's result as JSON, encoded once per run and used twice: the state store keeps
/// the compact bytes and the JSON report writes them pretty-printed (`PrettyJSON`), instead
/// of encoding the same claims a second time. Keys are sorted, so the bytes are stable.
extension AssistantResult {
    /// The result as compact JSON; claims it holds as JSON (`encodedClaims`) are spliced in
    /// rather than encoded again. Tests hold the two byte for byte equal.
    public func compactJSON() throws -> Data {
        guard let encoded = encodedClaims else { return try HuellaJSON.encoder(pretty: false).encode(self) }
        var rest = self
        rest.claims = []
        let shell = try HuellaJSON.encoder(pretty: false).encode(rest)
        // Sorted keys put "claims" first.
        let head = Data(#"{"claims":[]"#.utf8)
        guard shell.starts(with: head) else { return try HuellaJSON.encoder(pretty: false).encode(self) }
        var out = Data(#"{"claims":["#.utf8)
        out.reserveCapacity(shell.count + encoded.arrays.reduce(0) { $0 + $1.count })
        var first = true
        for array in encoded.arrays where array.count > 2 {
            guard array.first == UInt8(ascii: "["), array.last == UInt8(ascii: "]") else {
                return try HuellaJSON.encoder(pretty: false).encode(self)
            }
            if !first { out.append(UInt8(ascii: ",")) }
            out.append(array.dropFirst().dropLast())
            first = false
        }
        out.append(UInt8(ascii: "]"))
        out.append(shell.dropFirst(head.count))
        return out
    }
}

/// The one JSON encoder configuration huella writes with (reports, the store's results and
/// claims): sorted keys, so the bytes are stable, and slashes unescaped. Splicing stored
/// claims into a result and laying compact bytes out pretty both rely on every writer using it.
public enum HuellaJSON {
    public static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The decoder for what `encoder` wrote: claim values read back as the shapes they were
    /// written in (text that looks like a number stays text).
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.userInfo[ClaimValue.jsonDecoding] = true
        return decoder
    }
}

/// Where the string that opens at `open` (a quote) closes: the index of its closing quote, or
/// at least `bytes.count` when it does not close. Escaped quotes do not close it.
func closingQuote(in bytes: UnsafeBufferPointer<UInt8>, after open: Int) -> Int {
    var end = open + 1
    while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1 }
    return end
}

/// Compact JSON laid out as Foundation's `JSONEncoder` lays out `.prettyPrinted` output:
/// two spaces a level, `"key" : value`, an empty container as an opening, an empty line and
/// its closing. Tests hold the two byte for byte equal on reports and generated documents.
public enum PrettyJSON {
    /// `json` must be the compact output of `JSONEncoder` (no whitespace between tokens);
    /// `indent` spaces are put before every line, as when the value is nested that deep.
    public static func format(_ json: Data, indent base: Int = 0) -> Data {
        var out = [UInt8]()
        out.reserveCapacity(json.count * 2)
        var depth = 0
        func spaces(_ level: Int) { out.append(contentsOf: repeatElement(0x20, count: base + 2 * level)) }
        func newline(_ level: Int) {
            out.append(0x0A)
            spaces(level)
        }
        spaces(0)
        json.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""):
                    // A string, copied whole: its braces, commas and colons are text.
                    let end = min(closingQuote(in: bytes, after: index), count - 1)
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index...end]))
                    index = end
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    out.append(byte)
                    depth += 1
                    if index + 1 < count, bytes[index + 1] == UInt8(ascii: "}") || bytes[index + 1] == UInt8(ascii: "]") {
                        out.append(0x0A)
                        newline(depth - 1)
                        out.append(bytes[index + 1])
                        depth -= 1
                        index += 1
                    } else {
                        newline(depth)
                    }
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    newline(depth)
                    out.append(byte)
                case UInt8(ascii: ","):
                    out.append(byte)
                    newline(depth)
                case UInt8(ascii: ":"):
                    out.append(contentsOf: [0x20, UInt8(ascii: ":"), 0x20])
                default:
                    out.append(byte)
                }
                index += 1
            }
        }
        return Data(out)
    }
}

/// An assistant's claims already encoded, one JSON array a page (or the roster, or a file),
/// in the order of `AssistantResult.claims`. The pipeline has them at hand (the state store
/// keeps each page's claims as JSON), so the result's JSON splices them instead of encoding
/// every claim again: that was most of the 16 % of a nightly run spent encoding results.
public struct EncodedClaims: Sendable, Hashable {
    public private(set) var arrays: [Data] = []

    public init() {}

    /// Claims as a compact JSON array, encoded as `compactJSON()` encodes them.
    public static func encode(_ claims: [Claim]) -> Data? {
        try? HuellaJSON.encoder(pretty: false).encode(claims)
    }

    /// Adds the next claims, as an array `encode` wrote (or the store kept).
    public mutating func append(_ array: Data) { arrays.append(array) }

    /// One array read back: fast with `ClaimsReader`, else with `JSONDecoder`; nil if neither can.
    public static func decode(_ array: Data) -> [Claim]? {
        if let claims = ClaimsReader.claims(from: array) { return claims }
        return try? HuellaJSON.decoder().decode([Claim].self, from: array)
    }

    /// Every array read back, in order; nil if one cannot be.
    public func decoded() -> [Claim]? {
        var claims: [Claim] = []
        for array in arrays {
            guard let more = Self.decode(array) else { return nil }
            claims += more
        }
        return claims
    }
}

/// An assistant's claims as the JSON the pipeline had, and decoded: at once, or the first time
/// something reads them. A nightly run that reuses an unchanged assistant's findings writes its
/// claims into the store and the JSON report as these bytes and never decodes them; other
/// reports (HTML, redaction) read them and pay for the decoding then.
///
/// The bytes are always ones huella wrote and has read back before (see `Auditor`), so they
/// decode; if they ever did not, the claims read as none rather than stop the run.
final class LazyClaims: Sendable {
    let encoded: EncodedClaims
    private let decodedClaims: Locked<[Claim]?>

    init(_ encoded: EncodedClaims, decoded: [Claim]?) {
        self.encoded = encoded
        decodedClaims = Locked(decoded)
    }

    var claims: [Claim] {
        decodedClaims.withLock { cache in
            if let cache { return cache }
            let claims = encoded.decoded() ?? []
            cache = claims
            return claims
        }
    }
}

