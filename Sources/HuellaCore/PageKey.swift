import Foundation

/// Comparison keys for page URLs, so that the same page written two ways is one source.
public enum PageKey {
    /// A comparison key: lower-cased host without `www.` or default port, the path without
    /// a trailing slash, no scheme, query or fragment:
    /// `https://www.LinkedIn.com/in/x/?trk=1` → `linkedin.com/in/x`.
    public static func of(_ text: String) -> String {
        guard var c = URLComponents(string: text.trimmingCharacters(in: .whitespaces)), let host = c.host else {
            return text
        }
        var h = host.lowercased()
        if h.hasPrefix("www.") { h.removeFirst(4) }
        c.host = h
        c.scheme = c.scheme?.lowercased()
        if (c.scheme == "https" && c.port == 443) || (c.scheme == "http" && c.port == 80) { c.port = nil }
        var path = c.path
        while path.hasSuffix("/") { path.removeLast() }
        let port = c.port.map { ":\($0)" } ?? ""
        return h + port + path
    }

    /// The host of a URL, lower-cased and without `www.`.
    public static func host(of text: String) -> String? {
        guard let host = URLComponents(string: text)?.host?.lowercased() else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }
}
