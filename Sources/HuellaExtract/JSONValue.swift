import Foundation

/// Any JSON value, decoded without `[String: Any]`.
public enum JSONValue: Sendable, Hashable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Each kind is tried in turn, and only its own JSON type decodes as it (JSONDecoder does
    /// not convert between them), so the order does not change the result; the commonest in
    /// JSON-LD come first, as every failed try throws an error, which costs.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let o = try? c.decode([String: JSONValue].self) {
            self = .object(o)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else {
            self = .bool(try c.decode(Bool.self))
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
