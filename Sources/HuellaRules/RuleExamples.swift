import HuellaCore

/// A rule's examples: subjects it must fire on and subjects it must leave alone.
public struct RuleExamples: Sendable, Hashable, Codable {
    public var triggers: [RuleExample]
    public var passes: [RuleExample]
}

/// A small, written-out subject: claims and the sources they came from.
public struct RuleExample: Sendable, Hashable, Codable {
    /// What the example shows, in words.
    public var note: String?
    /// The declared website; `https://va.example/` unless given (null: none declared).
    public var website: String?
    public var claims: [ExampleClaim]?
    /// Sources beyond those the claims imply (each claim's page counts as read).
    public var sources: [ExampleSource]?

    static let defaultWebsite = "https://va.example/"

    /// The subject the example describes.
    public func subject() -> AuditSubject {
        let site = website ?? Self.defaultWebsite
        let claims = (self.claims ?? []).map { $0.claim(website: site) }
        var sources = (self.sources ?? []).map(\.source)
        for claim in claims where claim.origin != .selfReport && !sources.contains(where: { $0.url == claim.url }) {
            sources.append(
                Source(
                    url: claim.url, role: claim.origin == .website ? .website : .profile, status: 200, outcome: .ok, error: nil,
                    discovery: .declared))
        }
        if website != "none", !sources.contains(where: { $0.role == .website }) {
            sources.insert(Source(url: site, role: .website, status: 200, outcome: .ok, error: nil, discovery: .declared), at: 0)
        }
        return AuditSubject(
            assistantID: "example", website: website == "none" ? nil : site, sources: sources, claims: claims)
    }
}

/// A claim in an example. Structured values are written as their fields.
public struct ExampleClaim: Sendable, Hashable, Codable {
    public var origin: ClaimOrigin
    public var url: String?
    public var kind: ClaimKind
    public var value: ClaimValue?
    public var level: String?
    public var field: String?
    public var institution: String?
    public var status: DegreeStatus?
    public var year: Int?
    public var title: String?
    public var organization: String?
    public var start: String?
    public var end: String?
    public var name: String?
    public var issuer: String?
    public var language: String?
    /// The words on the page, when the rule reads them (defaults to the value).
    public var excerpt: String?

    func claim(website: String) -> Claim {
        let page = url ?? (origin == .website ? website : origin == .selfReport ? "roster.json#/assistants/0" : "https://profile.example/va")
        return Claim(kind: kind, value: structured, origin: origin, url: page, excerpt: excerpt ?? structured.text, locator: "/example")
    }

    private var structured: ClaimValue {
        switch kind {
        case .education:
            return .degree(
                Degree(
                    level: level.flatMap(DegreeLevel.init(rawValue:)), field: field, institution: institution,
                    status: status ?? .completed, year: year))
        case .position:
            return .position(
                Position(
                    title: title, organization: organization, start: start.flatMap(YearMonth.init), end: end.flatMap(YearMonth.init),
                    current: end == nil || end == "present"))
        case .credential:
            return .credential(Credential(name: name ?? value?.text ?? "", issuer: issuer))
        case .language:
            return .language(LanguageSkill(code: language ?? value?.text ?? "", level: level.flatMap(LanguageLevel.init(rawValue:))))
        default:
            return value ?? .text("")
        }
    }
}

/// A source in an example whose fetch did not simply succeed.
public struct ExampleSource: Sendable, Hashable, Codable {
    public var url: String
    public var role: SourceRole
    public var outcome: FetchOutcome
    public var status: Int?

    var source: Source {
        Source(url: url, role: role, status: status, outcome: outcome, error: nil, discovery: .declared)
    }
}
