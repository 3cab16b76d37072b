import Foundation

/// Any JSON value, decoded without `[String: Any]`.
public enum JSONValue: Sendable, Hashable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
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
        (self["@type"]?.list ?? []).compactMap(\.string).map {
            $0.replacingOccurrences(of: "http://schema.org/", with: "")
                .replacingOccurrences(of: "https://schema.org/", with: "")
        }
    }
}
