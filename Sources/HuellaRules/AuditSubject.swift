import HuellaCore

/// What the rules see of one assistant: the sources attempted and every claim read,
/// self-reported ones included.
public struct AuditSubject: Sendable, Hashable {
    public var assistantID: String
    /// The declared website, if any.
    public var website: String?
    public var sources: [Source]
    public var claims: [Claim]

    public init(assistantID: String, website: String?, sources: [Source], claims: [Claim]) {
        self.assistantID = assistantID
        self.website = website
        self.sources = sources
        self.claims = claims
    }

    /// Claims of a kind from public sources whose page was read.
    func publicClaims(_ kind: ClaimKind) -> [Claim] {
        claims.filter { $0.kind == kind && $0.origin != .selfReport }
    }

    /// Declared or discovered pages that could not be read, for coverage notes.
    var unread: [Source] { sources.filter { !$0.outcome.wasRead } }
}
