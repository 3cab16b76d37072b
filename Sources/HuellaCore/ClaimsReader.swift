import Foundation

/// Reads back a JSON array of claims as `EncodedClaims.encode` wrote it, several times faster
/// than `JSONDecoder` (whose generic path was 18 % of a nightly run's CPU: every page
/// answered 304 has its claims read from the store). Text, numbers and the claim's own
/// fields are read here; a structured value (position, degree…) is handed to `JSONDecoder`
/// on its own. Anything unexpected gives nil, and the caller decodes with `JSONDecoder`:
/// this is a fast path, never a second grammar. Tests hold the two equal.
public enum ClaimsReader {
    public static func claims(from data: Data) -> [Claim]? {
        data.withUnsafeBytes { raw in
            var reader = Reader(bytes: raw.bindMemory(to: UInt8.self))
            return reader.claims()
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        mutating func claims() -> [Claim]? {
            guard take(UInt8(ascii: "[")) else { return nil }
            var out: [Claim] = []
            if take(UInt8(ascii: "]")) { return at == bytes.count ? out : nil }
            repeat {
                guard let claim = claim() else { return nil }
                out.append(claim)
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "]")), at == bytes.count else { return nil }
            return out
        }

        mutating func claim() -> Claim? {
            guard take(UInt8(ascii: "{")) else { return nil }
            var kind: ClaimKind?, origin: ClaimOrigin?, value: ClaimValue?
            var url: String?, excerpt: String?, locator: String?
            repeat {
                guard let key = string(), take(UInt8(ascii: ":")) else { return nil }
                switch key {
                case "kind": kind = string().flatMap(ClaimKind.init(rawValue:))
                case "origin": origin = string().flatMap(ClaimOrigin.init(rawValue:))
                case "url": url = string()
                case "excerpt": excerpt = string()
                case "locator": locator = string()
                case "value": value = self.value()
                default: return nil
                }
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "}")), let kind, let origin, let value, let url, let excerpt, let locator else { return nil }
            return Claim(kind: kind, value: value, origin: origin, url: url, excerpt: excerpt, locator: locator)
        }

        mutating func value() -> ClaimValue? {
            guard at < bytes.count else { return nil }
            switch bytes[at] {
            case UInt8(ascii: "\""): return string().map(ClaimValue.text)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer().map(ClaimValue.number)
            case UInt8(ascii: "{"):
                // A structured value: its extent, decoded on its own.
                let start = at
                guard skipObject() else { return nil }
                let slice = Data(UnsafeBufferPointer(rebasing: bytes[start..<at]))
                return try? HuellaJSON.decoder().decode(ClaimValue.self, from: slice)
            default: return nil
            }
        }

        /// An integer as JSONEncoder writes an `Int`: an optional minus and digits.
        mutating func integer() -> Int? {
            let start = at
            if at < bytes.count, bytes[at] == UInt8(ascii: "-") { at += 1 }
            let digits = at
            while at < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[at]) { at += 1 }
            guard at > digits, at - digits <= 18 else { return nil }
            // A fraction or an exponent is not an Int: leave it to JSONDecoder.
            if at < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[at]) { return nil }
            return Int(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self))
        }

        /// A string; escapes decoded as JSON defines them. The bytes were written from Swift
        /// strings, so they are UTF-8; a corrupted byte would be replaced, not refused.
        mutating func string() -> String? {
            guard take(UInt8(ascii: "\"")) else { return nil }
            let start = at
            while at < bytes.count, bytes[at] != UInt8(ascii: "\""), bytes[at] != UInt8(ascii: "\\") { at += 1 }
            guard at < bytes.count else { return nil }
            if bytes[at] == UInt8(ascii: "\"") {
                defer { at += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
            }
            var scalars = Array(UnsafeBufferPointer(rebasing: bytes[start..<at]))
            while at < bytes.count {
                let byte = bytes[at]
                at += 1
                switch byte {
                case UInt8(ascii: "\""): return String(decoding: scalars, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    guard at < bytes.count else { return nil }
                    let escape = bytes[at]
                    at += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
                    case UInt8(ascii: "b"): scalars.append(0x08)
                    case UInt8(ascii: "f"): scalars.append(0x0C)
                    case UInt8(ascii: "n"): scalars.append(0x0A)
                    case UInt8(ascii: "r"): scalars.append(0x0D)
                    case UInt8(ascii: "t"): scalars.append(0x09)
                    case UInt8(ascii: "u"):
                        guard var code = hex4() else { return nil }
                        if (0xD800..<0xDC00).contains(code) {
                            // A surrogate pair: the low half must follow.
                            guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = hex4(), (0xDC00..<0xE000).contains(low)
                            else { return nil }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        }
                        guard let scalar = Unicode.Scalar(code) else { return nil }
                        scalars += Array(String(Character(scalar)).utf8)
                    default: return nil
                    }
                default:
                    // A raw control character is not valid JSON text.
                    guard byte >= 0x20 else { return nil }
                    scalars.append(byte)
                }
            }
            return nil
        }

        mutating func hex4() -> UInt32? {
            guard at + 4 <= bytes.count else { return nil }
            var code: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[at]
                at += 1
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                code = code << 4 | UInt32(digit)
            }
            return code
        }

        /// Moves past an object (strings inside may hold braces).
        mutating func skipObject() -> Bool {
            var depth = 0
            while at < bytes.count {
                switch bytes[at] {
                case UInt8(ascii: "\""):
                    at = closingQuote(in: bytes, after: at)
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 {
                        at += 1
                        return true
                    }
                default: break
                }
                at += 1
            }
            return false
        }

        mutating func take(_ byte: UInt8) -> Bool {
            guard at < bytes.count, bytes[at] == byte else { return false }
            at += 1
            return true
        }
    }
}
