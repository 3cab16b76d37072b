import Foundation

/// Checks a URL before any transfer: only absolute http(s) URLs with a host are fetched.
public enum URLCheck {
    /// Why the URL cannot be fetched, or `nil` when it can.
    public static func problem(with text: String) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            return "'\(text)' is not a valid URL"
        }
        guard scheme == "http" || scheme == "https" else {
            return "'\(text)' is not an http(s) URL (scheme '\(scheme)')"
        }
        guard let host = components.host, !host.isEmpty else { return "'\(text)' has no host" }
        return nil
    }
}
