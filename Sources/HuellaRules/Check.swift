import HuellaCore

/// The closed set of primitives a rule can use. The enum is the registry: a new case makes
/// the compiler point at every switch that must learn it.
public enum Check: Sendable, Hashable {
    /// A claim compared across sources: numbers within a tolerance, names by `PersonName`,
    /// degrees by level or institution, credentials by issuer.
    case compare(claim: ClaimKind, aspect: Aspect?, tolerance: Int)
    /// One source says a degree is complete, another that it is in progress.
    case contradiction(claim: ClaimKind)
    /// Career dates against each other: claimed years vs dated positions, vs "since YEAR",
    /// or work that would have begun in childhood.
    case timeline(TimelineCheck, tolerance: Int, minimumAge: Int)
    /// A self-reported claim that no read public source supports.
    case unsupported(claim: ClaimKind)
    /// None of the kinds appears on any read page of the role.
    case missing(claims: [ClaimKind], role: SourceRole)
    /// A claim of the kind appears on the website (advertising), unless one of `unless` does too.
    case pattern(claim: ClaimKind, unless: [ClaimKind])
    /// A declared profile and the website do not link to each other.
    case reciprocity
    /// The website's newest sign of upkeep is older than `years`.
    case stale(years: Int)
    /// No website declared, or the declared one is parked or a placeholder.
    case noWebsite
    /// Sources of a role whose fetch ended in one of the outcomes.
    case sourceOutcome(role: SourceRole, outcomes: [FetchOutcome])
    /// A source of a role served over plain http, or a form on it that posts over http.
    case plainHTTP(role: SourceRole)

    /// What part of a structured claim a comparison looks at.
    public enum Aspect: String, Sendable, Hashable, Codable, CaseIterable {
        case level
        case institution
        case issuer
    }

    /// The timeline checks.
    public enum TimelineCheck: String, Sendable, Hashable, Codable, CaseIterable {
        /// Claimed years of experience vs the span of dated positions.
        case span
        /// Claimed years vs "since YEAR" in the same source.
        case since
        /// Work before the minimum age, or years before secondary school ended.
        case childhood
    }

    /// The primitive's name in YAML.
    public var primitive: Primitive {
        switch self {
        case .compare: .compare
        case .contradiction: .contradiction
        case .timeline: .timeline
        case .unsupported: .unsupported
        case .missing: .missing
        case .pattern: .pattern
        case .reciprocity: .reciprocity
        case .stale: .stale
        case .noWebsite: .noWebsite
        case .sourceOutcome: .sourceOutcome
        case .plainHTTP: .plainHTTP
        }
    }

    /// Whether a finding of this check rests on the absence of evidence, so that unread
    /// sources make it weaker (a note that says what could not be read).
    public var restsOnAbsence: Bool {
        switch self {
        case .unsupported, .missing, .reciprocity: true
        case .compare, .contradiction, .timeline, .pattern, .stale, .noWebsite, .sourceOutcome, .plainHTTP: false
        }
    }

    /// Primitive names as written in rule files, with the keys each accepts and the
    /// placeholders its messages may use.
    public enum Primitive: String, Sendable, CaseIterable, Codable {
        case compare
        case contradiction
        case timeline
        case unsupported
        case missing
        case pattern
        case reciprocity
        case stale
        case noWebsite = "no-website"
        case sourceOutcome = "source-outcome"
        case plainHTTP = "plain-http"

        public var keys: Set<String> {
            switch self {
            case .compare: ["primitive", "claim", "aspect", "tolerance"]
            case .contradiction: ["primitive", "claim"]
            case .timeline: ["primitive", "check", "tolerance", "minimumAge"]
            case .unsupported: ["primitive", "claim"]
            case .missing: ["primitive", "claims", "role"]
            case .pattern: ["primitive", "claim", "unless"]
            case .reciprocity, .noWebsite: ["primitive"]
            case .stale: ["primitive", "years"]
            case .sourceOutcome: ["primitive", "role", "outcomes"]
            case .plainHTTP: ["primitive", "role"]
            }
        }

        public var placeholders: Set<String> {
            switch self {
            case .compare, .contradiction: ["claimed", "claimedSource", "found", "source", "tolerance"]
            case .timeline: ["claimed", "claimedSource", "found", "source", "year", "tolerance"]
            case .unsupported: ["claimed", "coverage"]
            case .missing: ["url", "coverage"]
            case .pattern: ["found", "source", "url"]
            case .reciprocity: ["profile", "url", "state", "coverage"]
            case .stale: ["year", "url", "years"]
            case .noWebsite: ["url", "reason"]
            case .sourceOutcome: ["url", "outcome", "status", "role"]
            case .plainHTTP: ["url", "role"]
            }
        }
    }
}

extension Check: Codable {
    private enum CodingKeys: String, CodingKey {
        case primitive, claim, aspect, tolerance, check, minimumAge, claims, role, unless, years, outcomes
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(Primitive.self, forKey: .primitive) {
        case .compare:
            self = .compare(
                claim: try c.decode(ClaimKind.self, forKey: .claim), aspect: try c.decodeIfPresent(Aspect.self, forKey: .aspect),
                tolerance: try c.decodeIfPresent(Int.self, forKey: .tolerance) ?? 0)
        case .contradiction:
            self = .contradiction(claim: try c.decode(ClaimKind.self, forKey: .claim))
        case .timeline:
            self = .timeline(
                try c.decode(TimelineCheck.self, forKey: .check), tolerance: try c.decodeIfPresent(Int.self, forKey: .tolerance) ?? 1,
                minimumAge: try c.decodeIfPresent(Int.self, forKey: .minimumAge) ?? 16)
        case .unsupported:
            self = .unsupported(claim: try c.decode(ClaimKind.self, forKey: .claim))
        case .missing:
            self = .missing(
                claims: try c.decode([ClaimKind].self, forKey: .claims),
                role: try c.decodeIfPresent(SourceRole.self, forKey: .role) ?? .website)
        case .pattern:
            self = .pattern(
                claim: try c.decode(ClaimKind.self, forKey: .claim),
                unless: try c.decodeIfPresent([ClaimKind].self, forKey: .unless) ?? [])
        case .reciprocity:
            self = .reciprocity
        case .stale:
            self = .stale(years: try c.decodeIfPresent(Int.self, forKey: .years) ?? 2)
        case .noWebsite:
            self = .noWebsite
        case .sourceOutcome:
            self = .sourceOutcome(
                role: try c.decode(SourceRole.self, forKey: .role), outcomes: try c.decode([FetchOutcome].self, forKey: .outcomes))
        case .plainHTTP:
            self = .plainHTTP(role: try c.decode(SourceRole.self, forKey: .role))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(primitive, forKey: .primitive)
        switch self {
        case .compare(let claim, let aspect, let tolerance):
            try c.encode(claim, forKey: .claim)
            try c.encodeIfPresent(aspect, forKey: .aspect)
            try c.encode(tolerance, forKey: .tolerance)
        case .contradiction(let claim), .unsupported(let claim):
            try c.encode(claim, forKey: .claim)
        case .timeline(let check, let tolerance, let minimumAge):
            try c.encode(check, forKey: .check)
            try c.encode(tolerance, forKey: .tolerance)
            try c.encode(minimumAge, forKey: .minimumAge)
        case .missing(let claims, let role):
            try c.encode(claims, forKey: .claims)
            try c.encode(role, forKey: .role)
        case .pattern(let claim, let unless):
            try c.encode(claim, forKey: .claim)
            try c.encode(unless, forKey: .unless)
        case .reciprocity, .noWebsite:
            break
        case .stale(let years):
            try c.encode(years, forKey: .years)
        case .sourceOutcome(let role, let outcomes):
            try c.encode(role, forKey: .role)
            try c.encode(outcomes, forKey: .outcomes)
        case .plainHTTP(let role):
            try c.encode(role, forKey: .role)
        }
    }
}
