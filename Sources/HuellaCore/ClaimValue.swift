/// A claim's value: a number, a piece of text, or a structured fact.
public enum ClaimValue: Sendable, Hashable, Codable {
    case number(Int)
    case text(String)
    case position(Position)
    case degree(Degree)
    case credential(Credential)
    case language(LanguageSkill)

    /// The value as a number, when it is one.
    public var number: Int? {
        if case .number(let n) = self { return n }
        return nil
    }

    /// The value in words, for messages and tables.
    public var text: String {
        switch self {
        case .number(let n): String(n)
        case .text(let s): s
        case .position(let p): p.description
        case .degree(let d): d.description
        case .credential(let c): c.issuer.map { "\(c.name) (\($0))" } ?? c.name
        case .language(let l): l.level.map { "\(l.code) \($0.rawValue)" } ?? l.code
        }
    }

    private enum Shape: String, Codable {
        case position, degree, credential, language
    }

    private enum ShapeKey: String, CodingKey {
        case type
    }

    /// Set to `true` in a decoder's `userInfo` when it reads JSON: there a string never
    /// decodes as a number or the other way round, so text (most claims) is tried first and
    /// no DecodingError is thrown and thrown away for it. (YAML reads `8` as text too, so
    /// other decoders try the number first.)
    public static let jsonDecoding = CodingUserInfoKey(rawValue: "huella.claimValue.json")!

    public init(from decoder: any Decoder) throws {
        if decoder.userInfo[Self.jsonDecoding] as? Bool == true, let single = try? decoder.singleValueContainer(),
            let s = try? single.decode(String.self)
        {
            self = .text(s)
            return
        }
        if let single = try? decoder.singleValueContainer() {
            if let n = try? single.decode(Int.self) {
                self = .number(n)
                return
            }
            if let s = try? single.decode(String.self) {
                self = .text(s)
                return
            }
        }
        let shape = try decoder.container(keyedBy: ShapeKey.self).decode(Shape.self, forKey: .type)
        switch shape {
        case .position: self = .position(try Position(from: decoder))
        case .degree: self = .degree(try Degree(from: decoder))
        case .credential: self = .credential(try Credential(from: decoder))
        case .language: self = .language(try LanguageSkill(from: decoder))
        }
    }

    /// Structured values are objects with a `type` key naming their shape.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .number(let n):
            var c = encoder.singleValueContainer()
            try c.encode(n)
        case .text(let s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case .position(let p):
            try p.encode(to: encoder)
            var c = encoder.container(keyedBy: ShapeKey.self)
            try c.encode(Shape.position, forKey: .type)
        case .degree(let d):
            try d.encode(to: encoder)
            var c = encoder.container(keyedBy: ShapeKey.self)
            try c.encode(Shape.degree, forKey: .type)
        case .credential(let cr):
            try cr.encode(to: encoder)
            var c = encoder.container(keyedBy: ShapeKey.self)
            try c.encode(Shape.credential, forKey: .type)
        case .language(let l):
            try l.encode(to: encoder)
            var c = encoder.container(keyedBy: ShapeKey.self)
            try c.encode(Shape.language, forKey: .type)
        }
    }
}
