internal import CLibXML2
import Foundation
import HuellaCore
import Yams

/// A known profile host, described as data (`data/profile-hosts/*.yaml`): how to recognise
/// its profile URLs, where its pages state claims, and how it signals that it refused us.
public struct ProfileHost: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// Host names; `*.example.com` covers subdomains, `*` any host.
    public var hosts: [String]
    /// A regular expression a profile URL's path matches.
    public var profilePath: String?
    /// First path segments that are the host's own pages (`/features`), never a profile.
    public var reserved: [String]?
    /// XPath expressions per claim kind (`name`, `job-title`), tried in order.
    public var claims: [String: [String]]
    /// XPath expressions of the parts of its profile pages about other people ("People also
    /// viewed", "Similar freelancers"): their text states nothing about the profile's owner.
    public var aboutOthers: [String]?
    /// Whether the generic extractors (text patterns, structured data) also read its pages;
    /// false for hosts whose pages describe something other than the person (badge pages).
    public var genericExtraction: Bool?
    public var blocked: BlockSignals
    public var examples: Examples?

    public struct BlockSignals: Sendable, Hashable, Codable {
        public var statuses: [Int]
        /// Regular expressions on the final URL's path (a redirect to a login wall).
        public var finalPaths: [String]?
        /// Strings whose presence in the body marks a refusal page.
        public var markers: [String]
    }

    public struct Examples: Sendable, Hashable, Codable {
        public var profiles: [String]
        public var others: [String]
    }

    var isWildcard: Bool { hosts.contains("*") }
}

/// An entry's host names, prepared once: `name` covers itself and `www.name`, `*.name` every
/// subdomain of `name`, `*` any host.
struct HostNames: Sendable {
    private var names: Set<String> = []
    private var suffixes: [String] = []
    private var any = false

    init(_ patterns: [String]) {
        for pattern in patterns.map({ $0.lowercased() }) {
            if pattern == "*" {
                any = true
            } else if pattern.hasPrefix("*.") {
                suffixes.append(String(pattern.dropFirst(1)))
            } else {
                names.insert(pattern)
                names.insert("www." + pattern)
            }
        }
    }

    /// Whether the entry covers every host (`*`).
    var coversAny: Bool { any }

    /// Whether a lowercased host name is covered.
    func cover(_ host: String) -> Bool {
        any || names.contains(host) || suffixes.contains { host.hasSuffix($0) }
    }

    /// The entries (by index) whose names cover a host, in their order, found with one
    /// look-up where testing each entry's names hashed the host once per entry: pages link to
    /// dozens of hosts, and each link is asked.
    struct Index: Sendable {
        /// Per name an entry holds: the entries holding it and those covering any host.
        private var byName: [String: [Int]] = [:]
        private var bySuffix: [(suffix: String, entry: Int)] = []
        private var any: [Int] = []

        init(_ entries: [HostNames]) {
            for (i, entry) in entries.enumerated() {
                if entry.any { any.append(i) }
                for name in entry.names { byName[name, default: []].append(i) }
                for suffix in entry.suffixes { bySuffix.append((suffix, i)) }
            }
            for name in byName.keys { byName[name] = Array(Set(byName[name]! + any)).sorted() }
        }

        /// The entries covering a lowercased host name, ascending (each `cover`s it).
        func entries(covering host: String) -> [Int] {
            var found = byName[host] ?? any
            let before = found.count
            for (suffix, entry) in bySuffix where host.hasSuffix(suffix) && !found.contains(entry) { found.append(entry) }
            if found.count > before { found.sort() }
            return found
        }
    }
}

/// The known profile hosts, loaded once.
public struct ProfileHosts: Sendable {
    public let hosts: [ProfileHost]
    /// In the order of `hosts`: each entry's host names, profile-path and final-path patterns,
    /// prepared once.
    private let names: [HostNames]
    private let index: HostNames.Index
    private let profilePaths: [NSRegularExpression?]
    /// The text every profile path starts with, read off its pattern ("" when none can be):
    /// most links are ruled out by it without running the pattern.
    private let profilePrefixes: [String]
    private let finalPaths: [[NSRegularExpression]]

    public init(hosts: [ProfileHost]) {
        // Specific hosts first: a wildcard entry only applies where none claims the host.
        self.hosts = hosts.filter { !$0.isWildcard } + hosts.filter(\.isWildcard)
        names = self.hosts.map { HostNames($0.hosts) }
        index = HostNames.Index(names)
        profilePaths = self.hosts.map { $0.profilePath.flatMap { try? NSRegularExpression(pattern: $0) } }
        profilePrefixes = self.hosts.map { $0.profilePath.map(Self.literalPrefix) ?? "" }
        finalPaths = self.hosts.map { ($0.blocked.finalPaths ?? []).compactMap { try? NSRegularExpression(pattern: $0) } }
    }

    /// The literal text every match of an anchored pattern starts with: `^/in/[^/]+` → `/in/`.
    /// Read only where it is plain: a pattern with an alternation or a group flag, and a
    /// character a quantifier follows, end it (or give "").
    static func literalPrefix(_ pattern: String) -> String {
        guard pattern.hasPrefix("^"), !pattern.contains("|"), !pattern.contains("(?") else { return "" }
        let characters = Array(pattern.unicodeScalars.dropFirst())
        var prefix = ""
        for (k, c) in characters.enumerated() {
            guard c.isASCII, c.properties.isAlphabetic || ("0"..."9").contains(c) || "/@_~-".unicodeScalars.contains(c) else { break }
            if k + 1 < characters.count, "?*+{".unicodeScalars.contains(characters[k + 1]) { break }
            prefix.unicodeScalars.append(c)
        }
        return prefix
    }

    private static func matches(_ regex: NSRegularExpression?, _ text: String) -> Bool {
        regex?.firstMatch(in: text) != nil
    }

    public static let empty = ProfileHosts(hosts: [])

    /// Loads every `*.yaml` in a directory; a bad file is an error naming it.
    public static func load(directory: String) throws -> ProfileHosts {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") }.sorted()
        var hosts: [ProfileHost] = []
        for name in names {
            let path = (directory as NSString).appendingPathComponent(name)
            let host: ProfileHost
            do {
                host = try YAMLDecoder().decode(ProfileHost.self, from: String(contentsOfFile: path, encoding: .utf8))
            } catch {
                throw ProfileHostError(file: path, message: "\(error)")
            }
            for pattern in [host.profilePath].compactMap({ $0 }) + (host.blocked.finalPaths ?? []) {
                guard (try? NSRegularExpression(pattern: pattern)) != nil else {
                    throw ProfileHostError(file: path, message: "invalid regular expression '\(pattern)'")
                }
            }
            // An expression libxml2 cannot compile would find nothing, silently.
            for expression in host.claims.values.flatMap({ $0 }) + (host.aboutOthers ?? []) {
                guard Self.compiles(xpath: expression) else {
                    throw ProfileHostError(file: path, message: "invalid XPath expression '\(expression)'")
                }
                // huella's parse keeps no table of IDs (HTMLDocument), which id() reads: it would find nothing.
                guard !Self.callsID(xpath: expression) else {
                    throw ProfileHostError(
                        file: path, message: "XPath expression '\(expression)' calls id(), which huella does not support: write //*[@id='…']")
                }
            }
            hosts.append(host)
        }
        return ProfileHosts(hosts: hosts)
    }

    /// Whether libxml2 compiles an XPath expression.
    static func compiles(xpath expression: String) -> Bool {
        _ = LibXML.ready  // its errors silenced
        guard let compiled = xmlXPathCompile(expression) else { return false }
        xmlXPathFreeCompExpr(compiled)
        return true
    }

    /// Whether an XPath expression calls the function id(): a name "id" outside quotes, not
    /// part of a longer name, followed by "(" ("@id" and "//id" are an attribute and an element).
    static func callsID(xpath expression: String) -> Bool {
        var outside: [UInt8] = []  // the expression with its string literals left out
        var quote: UInt8?
        for byte in expression.utf8 {
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
                outside.append(0x20)
            } else {
                outside.append(byte)
            }
        }
        func isNameByte(_ byte: UInt8) -> Bool {
            byte >= 0x80 || byte == 0x2D || byte == 0x2E || byte == 0x5F || byte == 0x3A || byte == 0x40 || byte == 0x2F
                || (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
        }
        for at in outside.indices.dropLast() where outside[at] == UInt8(ascii: "i") && outside[at + 1] == UInt8(ascii: "d") {
            if at > 0 && isNameByte(outside[at - 1]) { continue }
            var next = at + 2
            while next < outside.count && ASCIIBytes.isSpace(outside[next]) { next += 1 }
            if next < outside.count && outside[next] == UInt8(ascii: "(") { return true }
        }
        return false
    }

    /// The host whose profile URLs this URL is one of.
    public func profileHost(for url: String) -> ProfileHost? {
        guard let parts = URLParts.hostAndPath(url), let host = parts.host?.lowercased() else { return nil }
        let path = parts.path.isEmpty ? "/" : parts.path
        // By index: an entry is a large struct, and copying each one to test its names cost more than the test.
        for i in index.entries(covering: host) {
            guard let pattern = profilePaths[i] else { continue }
            let reserved = hosts[i].reserved.map { $0.contains(path.split(separator: "/").first.map { $0.lowercased() } ?? "") } ?? false
            if !reserved && path.utf8.starts(with: profilePrefixes[i].utf8) && Self.matches(pattern, path) { return hosts[i] }
            // A specific host that does not match the path is not a profile, whatever the wildcards say.
            if !names[i].coversAny { return nil }
        }
        return nil
    }

    /// Why a fetched page is a refusal rather than the page, when a known signal says so.
    public func blockReason(url: String, finalURL: String, status: Int?, body: Data) -> String? {
        let final = URLParts(finalURL)  // parsed once for its host and its path
        let host = (final?.host ?? URLParts(url)?.host ?? "").lowercased()
        let finalPath = final?.path ?? ""
        let text = String(decoding: body.prefix(256 * 1024), as: UTF8.self)
        for (i, entry) in hosts.enumerated() where names[i].cover(host) {
            if let status, entry.blocked.statuses.contains(status) { return "\(entry.name) refused the crawler (HTTP \(status))" }
            if finalPaths[i].contains(where: { Self.matches($0, finalPath) }) {
                return "\(entry.name) sent the crawler to a login wall (\(finalPath))"
            }
            for marker in entry.blocked.markers where !marker.isEmpty && text.range(of: marker, options: .caseInsensitive) != nil {
                return "\(entry.name): the page is a refusal (\(marker))"
            }
        }
        return nil
    }
}

/// A profile-host file that cannot be used.
public struct ProfileHostError: Error, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }
}

/// Claims a known host's page states where its data file says.
struct HostClaims {
    let host: ProfileHost
    let origin: ClaimOrigin

    func claims(in document: HTMLDocument) -> [Claim] {
        var claims: [Claim] = []
        for (key, expressions) in host.claims.sorted(by: { $0.key < $1.key }) {
            guard let kind = ClaimKind(rawValue: key) else { continue }
            for expression in expressions {
                guard let node = document.select(expression).first(where: { document.isVisible($0) }) else { continue }
                let text = document.collapsedText(of: node)
                guard !text.isEmpty, text.count <= 200 else { continue }
                claims.append(
                    Claim(kind: kind, value: .text(text), origin: origin, url: document.url, excerpt: text, locator: document.path(of: node)))
                break
            }
        }
        return claims
    }
}
