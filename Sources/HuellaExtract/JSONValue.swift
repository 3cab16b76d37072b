import Foundation

/// Any JSON value, read without `[String: Any]`.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The JSON text's value, or nil when it is not JSON. Read as `JSONDecoder` reads it (the
    /// tests compare the two), at a fraction of its cost: decoding through `Decodable` tried
    /// each kind in turn and every failed try threw an error (JSON-LD was 4 % of extraction).
    /// Its rules are kept: a byte order mark may open the text; a comma may close an array or
    /// an object (`[1,]`); of two members with one name the first counts; nesting is at most
    /// 512 deep (a hostile page's `[[[[…` is refused, not a stack overflow); a number is
    /// refused when it overflows, or underflows to zero from digits that are not; strings hold
    /// no raw control characters and no lone surrogates.
    public static func parse(_ text: String) -> JSONValue? {
        var text = text
        return text.withUTF8 { bytes in
            var reader = JSONReader(bytes: bytes)
            return reader.document()
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let o) = self { return o[key] }
        return nil
    }

    var string: String? {
        switch self {
        case .string(let s): s
        case .number(let n): n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        default: nil
        }
    }

    /// The value as a list: arrays as they are, anything else as one element.
    var list: [JSONValue] {
        switch self {
        case .array(let a): a
        case .null: []
        default: [self]
        }
    }

    /// The `@type` values of an object, without schema.org prefixes.
    var types: [String] {
        (self["@type"]?.list ?? []).compactMap(\.string).map { type in
            // A type without ":" holds no URL to strip (most are "Person", "PostalAddress").
            guard type.utf8.contains(0x3A) else { return type }
            return type.replacingOccurrences(of: "http://schema.org/", with: "")
                .replacingOccurrences(of: "https://schema.org/", with: "")
        }
    }
}

/// The reader behind `JSONValue.parse`: one pass over the UTF-8 bytes, recursive descent
/// bounded by `maxDepth`.
private struct JSONReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var at = 0
    var depth = 0
    static let maxDepth = 512

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private var next: UInt8? { at < bytes.count ? bytes[at] : nil }

    mutating func document() -> JSONValue? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { at = 3 }
        skipSpace()
        guard let value = value() else { return nil }
        skipSpace()
        return at == bytes.count ? value : nil
    }

    /// JSON's white space: space, tab, line feed, carriage return.
    private mutating func skipSpace() {
        while let byte = next, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { at += 1 }
    }

    private mutating func value() -> JSONValue? {
        guard let byte = next else { return nil }
        switch byte {
        case 0x7B: return object()  // {
        case 0x5B: return array()  // [
        case 0x22: return string().map(JSONValue.string)  // "
        case 0x74: return word("true", .bool(true))
        case 0x66: return word("false", .bool(false))
        case 0x6E: return word("null", .null)
        case 0x2D, 0x30...0x39: return number()  // - and digits
        default: return nil
        }
    }

    private mutating func word(_ word: StaticString, _ value: JSONValue) -> JSONValue? {
        let wanted = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard bytes.count - at >= wanted.count, (0..<wanted.count).allSatisfy({ bytes[at + $0] == wanted[$0] }) else { return nil }
        at += wanted.count
        return value
    }

    private mutating func array() -> JSONValue? {
        var items: [JSONValue] = []
        let read = members(closing: 0x5D) { reader in  // ]
            guard let item = reader.value() else { return false }
            items.append(item)
            return true
        }
        return read ? .array(items) : nil
    }

    private mutating func object() -> JSONValue? {
        var members: [String: JSONValue] = [:]
        let read = self.members(closing: 0x7D) { reader in  // }
            guard reader.next == 0x22, let key = reader.string() else { return false }
            reader.skipSpace()
            guard reader.next == 0x3A else { return false }  // :
            reader.at += 1
            reader.skipSpace()
            guard let value = reader.value() else { return false }
            if members[key] == nil { members[key] = value }
            return true
        }
        return read ? .object(members) : nil
    }

    /// An array's or object's members, from its opening byte to `closing`, each read by `member`
    /// (a comma may come before the closing byte); false when it is not JSON or nests too deep.
    private mutating func members(closing: UInt8, _ member: (inout JSONReader) -> Bool) -> Bool {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maxDepth else { return false }
        at += 1
        skipSpace()
        while next != closing {
            guard member(&self) else { return false }
            skipSpace()
            if next == closing { break }
            guard next == 0x2C else { return false }  // ,
            at += 1
            skipSpace()
        }
        at += 1
        return true
    }

    /// A string from its opening quote. Most hold no escape: their bytes become the string
    /// as they are.
    private mutating func string() -> String? {
        at += 1
        let start = at
        while let byte = next, byte != 0x22, byte != 0x5C {
            guard byte >= 0x20 else { return nil }
            at += 1
        }
        guard let stop = next else { return nil }
        if stop == 0x22 {
            at += 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(at - 1)]), as: UTF8.self)
        }
        var out = Array(bytes[start..<at])
        while let byte = next {
            at += 1
            switch byte {
            case 0x22:
                return String(decoding: out, as: UTF8.self)
            case 0x5C:
                guard let escaped = next else { return nil }
                at += 1
                switch escaped {
                case 0x22, 0x5C, 0x2F: out.append(escaped)
                case 0x62: out.append(0x08)  // \b
                case 0x66: out.append(0x0C)  // \f
                case 0x6E: out.append(0x0A)  // \n
                case 0x72: out.append(0x0D)  // \r
                case 0x74: out.append(0x09)  // \t
                case 0x75:  // \uXXXX, a surrogate pair as two
                    guard let unit = hex4() else { return nil }
                    var scalar = unit
                    if (0xD800...0xDBFF).contains(unit) {
                        guard next == 0x5C, at + 1 < bytes.count, bytes[at + 1] == 0x75 else { return nil }
                        at += 2
                        guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
                        scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(unit) {
                        return nil
                    }
                    guard let character = Unicode.Scalar(scalar) else { return nil }
                    out.append(contentsOf: UTF8.encode(character)!)
                default: return nil
                }
            default:
                guard byte >= 0x20 else { return nil }
                out.append(byte)
            }
        }
        return nil
    }

    /// Four hexadecimal digits.
    private mutating func hex4() -> UInt32? {
        guard bytes.count - at >= 4 else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = ASCIIBytes.hexValue(bytes[at]) else { return nil }
            value = value << 4 | UInt32(digit)
            at += 1
        }
        return value
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, finite, not an underflow.
    private mutating func number() -> JSONValue? {
        func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
        let start = at
        var significant = false  // a digit other than 0 before the exponent
        if next == 0x2D { at += 1 }
        guard isDigit(next) else { return nil }
        if next == 0x30 {
            at += 1
        } else {
            while isDigit(next) {
                significant = significant || bytes[at] != 0x30
                at += 1
            }
        }
        if next == 0x2E {
            at += 1
            guard isDigit(next) else { return nil }
            while isDigit(next) {
                significant = significant || bytes[at] != 0x30
                at += 1
            }
        }
        if next == 0x65 || next == 0x45 {
            at += 1
            if next == 0x2B || next == 0x2D { at += 1 }
            guard isDigit(next) else { return nil }
            while isDigit(next) { at += 1 }
        }
        guard let number = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)), number.isFinite,
            number != 0 || !significant
        else { return nil }
        return .number(number)
    }
}
