/// How a fetch ended. Every source in a report carries exactly one.
public enum FetchOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    case ok
    case notModified = "not-modified"
    case notFound = "not-found"
    case gone
    /// The host refused the crawler (status 999, a login wall, a captcha page).
    case blocked
    case robotsDisallowed = "robots-disallowed"
    case tooLarge = "too-large"
    case timeout
    case tlsError = "tls-error"
    case dnsError = "dns-error"
    case connectError = "connect-error"
    case ssrfRefused = "ssrf-refused"
    case tooManyRedirects = "too-many-redirects"
    case unsupportedScheme = "unsupported-scheme"
    case httpError = "http-error"
    /// The connection broke for another reason (reset, closed mid-response).
    case networkError = "network-error"
    /// A supplied evidence file that cannot be read (not a ZIP, malformed CSV).
    case unreadable

    /// Whether the page's content was read and its claims count.
    public var wasRead: Bool { self == .ok || self == .notModified }

    /// Whether the outcome says the page is gone or broken, as opposed to refused
    /// or not attempted. Only these make a profile "unreachable".
    public var meansUnreachable: Bool {
        switch self {
        case .notFound, .gone, .dnsError, .connectError, .tlsError, .httpError, .tooManyRedirects:
            true
        case .ok, .notModified, .blocked, .robotsDisallowed, .tooLarge, .timeout, .ssrfRefused,
            .unsupportedScheme, .networkError, .unreadable:
            false
        }
    }
}
