import HuellaCore

/// A rule as written in a YAML file of `rules/`: what it checks and how it reports.
public struct Rule: Sendable, Hashable, Codable {
    /// Kebab-case id, equal to the file name without `.yaml`.
    public var id: String
    /// A category of SPEC's vocabulary, or a new one under the same prefixes.
    public var category: String
    public var severity: Severity
    /// The ethics clause the rule serves (see `rules/README.md`).
    public var ethics: String
    public var message: LocalizedText
    /// Why the rule exists, for `huella rules explain`.
    public var rationale: String?
    public var check: Check
    /// A disabled rule is loaded and listed but never evaluated.
    public var enabled: Bool?

    public var isEnabled: Bool { enabled ?? true }
}

/// A text in English and Spanish.
public struct LocalizedText: Sendable, Hashable, Codable {
    public var en: String
    public var es: String

    public func text(in language: MessageLanguage) -> String {
        switch language {
        case .en: en
        case .es: es
        }
    }
}

/// The languages messages come in.
public enum MessageLanguage: String, Sendable, Hashable, Codable, CaseIterable {
    case en
    case es
}

/// The closed set of primitives a rule can use. The enum is the registry: a new case makes
/// the compiler point at every switch that must learn it.
public enum Check: Sendable, Hashable, Codable {
    /// A numeric claim compared across sources; fires when two differ by more than `tolerance`.
    case compareNumber(claim: ClaimKind, tolerance: Int)
    /// The person's name compared across sources with `PersonName` rules.
    case compareName
    /// Sources of a role whose fetch ended in one of the given outcomes.
    case sourceOutcome(role: SourceRole, outcomes: [FetchOutcome])
    /// A source of a role served over plain http (or redirected to it).
    case plainHTTP(role: SourceRole)

    /// The primitive's name in YAML.
    public var primitive: Primitive {
        switch self {
        case .compareNumber: .compareNumber
        case .compareName: .compareName
        case .sourceOutcome: .sourceOutcome
        case .plainHTTP: .plainHTTP
        }
    }

    /// Primitive names as written in rule files, with the keys each accepts and the
    /// placeholders its messages may use.
    public enum Primitive: String, Sendable, CaseIterable, Codable {
        case compareNumber = "compare-number"
        case compareName = "compare-name"
        case sourceOutcome = "source-outcome"
        case plainHTTP = "plain-http"

        public var keys: Set<String> {
            switch self {
            case .compareNumber: ["primitive", "claim", "tolerance"]
            case .compareName: ["primitive"]
            case .sourceOutcome: ["primitive", "role", "outcomes"]
            case .plainHTTP: ["primitive", "role"]
            }
        }

        public var placeholders: Set<String> {
            switch self {
            case .compareNumber: ["claimed", "claimedSource", "found", "source", "tolerance"]
            case .compareName: ["claimed", "claimedSource", "found", "source"]
            case .sourceOutcome: ["url", "outcome", "status", "role"]
            case .plainHTTP: ["url", "role"]
            }
        }
    }

    private enum CodingKeys: String, CodingKey {
        case primitive, claim, tolerance, role, outcomes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(Primitive.self, forKey: .primitive) {
        case .compareNumber:
            self = .compareNumber(
                claim: try c.decode(ClaimKind.self, forKey: .claim),
                tolerance: try c.decodeIfPresent(Int.self, forKey: .tolerance) ?? 0)
        case .compareName:
            self = .compareName
        case .sourceOutcome:
            self = .sourceOutcome(
                role: try c.decode(SourceRole.self, forKey: .role),
                outcomes: try c.decode([FetchOutcome].self, forKey: .outcomes))
        case .plainHTTP:
            self = .plainHTTP(role: try c.decode(SourceRole.self, forKey: .role))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(primitive, forKey: .primitive)
        switch self {
        case .compareNumber(let claim, let tolerance):
            try c.encode(claim, forKey: .claim)
            try c.encode(tolerance, forKey: .tolerance)
        case .compareName:
            break
        case .sourceOutcome(let role, let outcomes):
            try c.encode(role, forKey: .role)
            try c.encode(outcomes, forKey: .outcomes)
        case .plainHTTP(let role):
            try c.encode(role, forKey: .role)
        }
    }
}
