import Foundation

/// A parsed robots.txt (RFC 9309): the rules of the group that applies to huella.
public struct RobotsTxt: Sendable, Hashable {
    public struct Rule: Sendable, Hashable {
        public var allow: Bool
        public var pattern: String
    }

    public var rules: [Rule]
    /// `Crawl-delay` of the chosen group, in seconds (not in RFC 9309, widely used).
    public var crawlDelay: Double?

    /// The verdict for a host whose robots.txt could not be read: RFC 9309 says 4xx means
    /// "no rules" and 5xx or an unreachable server means "disallow everything".
    public static let allowAll = RobotsTxt(rules: [], crawlDelay: nil)
    public static let disallowAll = RobotsTxt(rules: [Rule(allow: false, pattern: "/")], crawlDelay: nil)

    /// The parse limit RFC 9309 asks crawlers to handle at least.
    public static let maxBytes = 500 * 1024

    public init(rules: [Rule], crawlDelay: Double?) {
        self.rules = rules
        self.crawlDelay = crawlDelay
    }

    /// Parses robots.txt for a product token (`huella`): the groups naming it, or else the `*` groups.
    public init(parsing text: String, userAgent product: String) {
        let token = product.lowercased()
        var specific: [Rule] = []
        var generic: [Rule] = []
        var specificDelay: Double?
        var genericDelay: Double?
        var foundSpecific = false
        var agents: [String] = []
        var inRules = false
        for rawLine in text.prefix(Self.maxBytes).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "user-agent":
                if inRules { agents = [] }
                inRules = false
                agents.append(value.lowercased())
            case "allow", "disallow":
                inRules = true
                guard !value.isEmpty || key == "allow" else { continue }  // "Disallow:" with nothing allows all
                let rule = Rule(allow: key == "allow", pattern: value)
                if agents.contains(where: { Self.matches(agent: $0, token: token) }) {
                    foundSpecific = true
                    if !value.isEmpty { specific.append(rule) }
                }
                if agents.contains("*") && !value.isEmpty { generic.append(rule) }
            case "crawl-delay":
                inRules = true
                guard let delay = Double(value), delay >= 0 else { continue }
                if agents.contains(where: { Self.matches(agent: $0, token: token) }) {
                    foundSpecific = true
                    specificDelay = delay
                }
                if agents.contains("*") { genericDelay = delay }
            default:
                continue
            }
        }
        rules = foundSpecific ? specific : generic
        crawlDelay = foundSpecific ? specificDelay : genericDelay
    }

    /// A group line names huella when its product token matches (case-insensitive), `huella/1.0` too.
    static func matches(agent: String, token: String) -> Bool {
        guard agent != "*" else { return false }
        let product = agent.split(separator: "/").first.map(String.init) ?? agent
        return product.trimmingCharacters(in: .whitespaces) == token
    }

    /// Whether a path (with its query) may be fetched: the longest matching rule wins,
    /// `Allow` wins a tie; `/robots.txt` itself is always allowed.
    public func allows(path rawPath: String) -> Bool {
        let path = rawPath.isEmpty ? "/" : rawPath
        if path == "/robots.txt" { return true }
        var best: Rule?
        var bestLength = -1
        for rule in rules where Self.pattern(rule.pattern, matches: path) {
            let length = rule.pattern.count
            if length > bestLength || (length == bestLength && rule.allow) {
                best = rule
                bestLength = length
            }
        }
        return best?.allow ?? true
    }

    /// RFC 9309 matching: `*` any run of characters, `$` at the end anchors.
    static func pattern(_ pattern: String, matches path: String) -> Bool {
        let s = Array(Self.normalise(path).unicodeScalars)
        let q = Array(Self.normalise(pattern).unicodeScalars)
        // Iterative wildcard match with backtracking on the last '*'.
        var i = 0
        var j = 0
        var star = -1
        var mark = 0
        let anchored = q.last == "$"
        let pat = anchored ? Array(q.dropLast()) : q
        while i < s.count {
            if j < pat.count && pat[j] == "*" {
                star = j
                mark = i
                j += 1
            } else if j < pat.count && pat[j] == s[i] {
                i += 1
                j += 1
            } else if j == pat.count && !anchored {
                return true
            } else if star >= 0 {
                j = star + 1
                mark += 1
                i = mark
            } else {
                return false
            }
        }
        while j < pat.count && pat[j] == "*" { j += 1 }
        return j == pat.count
    }

    /// Percent-encoding compared case-insensitively: `%7e` = `%7E`.
    static func normalise(_ text: String) -> String {
        var out = ""
        var chars = text.makeIterator()
        while let c = chars.next() {
            if c == "%" {
                let a = chars.next().map(String.init) ?? ""
                let b = chars.next().map(String.init) ?? ""
                out += "%" + (a + b).uppercased()
            } else {
                out.append(c)
            }
        }
        return out
    }
}
