/// A year, or a year and month (`2019`, `2019-01`).
public struct YearMonth: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int?

    public init(year: Int, month: Int? = nil) {
        self.year = year
        self.month = month
    }

    /// Parses `YYYY` or `YYYY-MM` (and `YYYY-MM-DD`, keeping the month).
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard let first = parts.first, first.count == 4, let year = Int(first) else { return nil }
        self.year = year
        if parts.count > 1, let month = Int(parts[1]), (1...12).contains(month) {
            self.month = month
        } else {
            self.month = nil
        }
    }

    public var description: String {
        guard let month else { return String(year) }
        return "\(year)-\(month < 10 ? "0" : "")\(month)"
    }

    public static func < (a: YearMonth, b: YearMonth) -> Bool {
        (a.year, a.month ?? 0) < (b.year, b.month ?? 0)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = YearMonth(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not YYYY or YYYY-MM"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// A dated position in a career: what, where, from when to when.
public struct Position: Sendable, Hashable, Codable, CustomStringConvertible {
    public var title: String?
    public var organization: String?
    public var start: YearMonth?
    /// `nil` with `current` true: to the present.
    public var end: YearMonth?
    public var current: Bool

    public init(title: String?, organization: String?, start: YearMonth?, end: YearMonth?, current: Bool) {
        self.title = title
        self.organization = organization
        self.start = start
        self.end = end
        self.current = current
    }

    public var description: String {
        let span = "\(start?.description ?? "?")–\(current ? "present" : end?.description ?? "?")"
        let what = [title, organization].compactMap { $0 }.joined(separator: ", ")
        return what.isEmpty ? span : "\(what) (\(span))"
    }
}

/// A certification: its name and who issues it.
public struct Credential: Sendable, Hashable, Codable {
    public var name: String
    public var issuer: String?

    public init(name: String, issuer: String?) {
        self.name = name
        self.issuer = issuer
    }

    /// Words any credential's name may carry ("Certified", "Certificación"), folded: names
    /// are compared without them, in extraction and in the rules.
    public static let genericWords: Set<String> = ["certified", "certification", "certificacion", "certificado", "certificada"]
}
