/// One thing a source says about the VA, with where it was said.
public struct Claim: Sendable, Hashable, Codable {
    /// What is claimed.
    public var kind: ClaimKind
    /// The claimed value, normalised where the kind has a normal form.
    public var value: ClaimValue
    /// Which kind of source said it.
    public var origin: ClaimOrigin
    /// The page (or roster entry) that says it.
    public var url: String
    /// The words on the page, trimmed to a readable excerpt.
    public var excerpt: String
    /// Where in the page: an XPath for HTML, a JSON pointer for structured data.
    public var locator: String

    public init(
        kind: ClaimKind, value: ClaimValue, origin: ClaimOrigin, url: String, excerpt: String,
        locator: String
    ) {
        self.kind = kind
        self.value = value
        self.origin = origin
        self.url = url
        self.excerpt = excerpt
        self.locator = locator
    }
}

/// The kinds of claim huella extracts. The raw values appear in reports and rules.
public enum ClaimKind: String, Sendable, Hashable, Codable, CaseIterable {
    case name
    case experienceYears = "experience-years"
    case sinceYear = "since-year"
    case sameAs = "same-as"
    case relMe = "rel-me"
    case skill
    case education
    case credential
    case language
    case jobTitle = "job-title"
}

/// A claim's value: a number or a piece of text.
public enum ClaimValue: Sendable, Hashable, Codable {
    case number(Int)
    case text(String)

    /// The value as a number, when it is one.
    public var number: Int? {
        if case .number(let n) = self { return n }
        return nil
    }

    /// The value as text (numbers in decimal).
    public var text: String {
        switch self {
        case .number(let n): String(n)
        case .text(let s): s
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let n = try? container.decode(Int.self) {
            self = .number(n)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let n): try container.encode(n)
        case .text(let s): try container.encode(s)
        }
    }
}

/// Which kind of source a claim comes from.
public enum ClaimOrigin: String, Sendable, Hashable, Codable, CaseIterable {
    /// The roster: what the VA reported to whoever runs huella.
    case selfReport = "self-report"
    /// The VA's own website.
    case website
    /// A public profile on another host.
    case profile
}
