/// The role a fetched page plays for an assistant.
public enum SourceRole: String, Sendable, Hashable, Codable {
    case website
    case profile
    /// A file the VA supplied (a LinkedIn data export).
    case evidence
}

/// One page fetched (or attempted) for an assistant, as the report shows it.
public struct Source: Sendable, Hashable, Codable {
    /// The URL as declared or discovered.
    public var url: String
    public var role: SourceRole
    /// The final HTTP status, when a response arrived.
    public var status: Int?
    public var outcome: FetchOutcome
    /// What went wrong, in words; `nil` for a page read normally.
    public var error: String?
    /// The URL after redirects, when it differs.
    public var finalURL: String?
    /// How the source became known: `declared` (roster or URL list) or `discovered`.
    public var discovery: Discovery

    /// How a source became known.
    public enum Discovery: String, Sendable, Hashable, Codable {
        case declared
        case discovered
    }

    public init(
        url: String, role: SourceRole, status: Int?, outcome: FetchOutcome, error: String?,
        finalURL: String? = nil, discovery: Discovery
    ) {
        self.url = url
        self.role = role
        self.status = status
        self.outcome = outcome
        self.error = error
        self.finalURL = finalURL
        self.discovery = discovery
    }

    private enum CodingKeys: String, CodingKey {
        case url, role, status, outcome, error, finalURL, discovery
    }

    /// Encodes `status` and `error` as explicit `null` when absent, as the report contract shows.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(url, forKey: .url)
        try c.encode(role, forKey: .role)
        try c.encode(status, forKey: .status)
        try c.encode(outcome, forKey: .outcome)
        try c.encode(error, forKey: .error)
        try c.encodeIfPresent(finalURL, forKey: .finalURL)
        try c.encode(discovery, forKey: .discovery)
    }
}
