import Foundation

/// Comparison keys for page URLs, so that the same page written two ways is one source.
public enum PageKey {
    /// A comparison key: lower-cased host without `www.` or default port, the path without
    /// a trailing slash, no scheme, query or fragment:
    /// `https://www.LinkedIn.com/in/x/?trk=1` → `linkedin.com/in/x`.
    public static func of(_ text: String) -> String {
        if let known = memo.withLock({ $0[text] }) { return known }
        let key = compute(text)
        memo.withLock { memo in
            if memo.count >= 4096 { memo.removeAll(keepingCapacity: true) }
            memo[text] = key
        }
        return key
    }

    /// Keys already worked out: a VA's claims name the same few pages hundreds of times, and
    /// the rules ask for their keys again and again (a URL parse each).
    private static let memo = Locked<[String: String]>([:])

    private static func compute(_ text: String) -> String {
        guard let c = URLComponents(string: text.trimmingCharacters(in: .whitespaces)), let host = c.host else {
            return text
        }
        var h = host.lowercased()
        if h.hasPrefix("www.") { h.removeFirst(4) }
        let scheme = c.scheme?.lowercased()
        var port = c.port
        if (scheme == "https" && port == 443) || (scheme == "http" && port == 80) { port = nil }
        var path = c.path
        while path.hasSuffix("/") { path.removeLast() }
        return h + (port.map { ":\($0)" } ?? "") + path
    }

    /// The host of a URL, lower-cased and without `www.`.
    public static func host(of text: String) -> String? {
        guard let host = URLComponents(string: text)?.host?.lowercased() else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }
}
