/// The JSON report as the end-to-end tests read it back (independent of the Swift types that
/// wrote it, so a renamed field breaks a test).
public struct DecodedReport: Decodable, Sendable {
    public struct Run: Decodable, Sendable {
        public var id: Int?
        public var baseline: Int?
        public var pagesFetched: Int
        public var notModified: Int
        public var complete: Bool
    }
    public struct Assistant: Decodable, Sendable {
        public var id: String
        public var name: String?
        public var state: String
        public var sources: [Source]
        public var claims: [Claim]
        public var findings: [Finding]
        public var links: [Link]
        public var coverage: Coverage
        public var diagnostics: [Diagnostic]
    }
    public struct Source: Decodable, Sendable {
        public var url: String
        public var role: String
        public var status: Int?
        public var outcome: String
        public var error: String?
        public var discovery: String
    }
    public struct Claim: Decodable, Sendable {
        public var kind: String
        public var origin: String
        public var url: String
    }
    public struct Finding: Decodable, Sendable {
        public var rule: String
        public var category: String
        public var severity: String
        public var message: String
        public var ethicsClause: String
        public var fingerprint: String
        public var baseline: String
        public var evidence: [Evidence]
    }
    public struct Evidence: Decodable, Sendable {
        public var url: String
        public var excerpt: String
        public var locator: String
    }
    public struct Link: Decodable, Sendable {
        public var profile: String
        public var state: String
    }
    public struct Coverage: Decodable, Sendable {
        public var read: Int
        public var declared: Int
    }
    public struct Diagnostic: Decodable, Sendable {
        public var location: String
        public var message: String
    }
    public struct Resolved: Decodable, Sendable {
        public var assistantID: String
        public var rule: String
    }
    public struct Summary: Decodable, Sendable {
        public var assistants: Int
        public var findings: [String: Int]
    }

    public var schemaVersion: String
    public var run: Run
    public var assistants: [Assistant]
    public var summary: Summary
    public var resolved: [Resolved]?
}
