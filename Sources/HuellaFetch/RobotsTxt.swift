import Foundation

/// A parsed robots.txt (RFC 9309): the rules of the group that applies to huella.
public struct RobotsTxt: Sendable, Hashable {
    public struct Rule: Sendable, Hashable {
        public let allow: Bool
        public let pattern: String
        /// The pattern as `allows(path:)` matches it, worked out once: a site's robots.txt may
        /// hold tens of thousands of rules, and every URL huella fetches there is checked.
        let glob: Glob

        public init(allow: Bool, pattern: String) {
            self.allow = allow
            self.pattern = pattern
            glob = Glob(pattern)
        }
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
        // The limit counts bytes: a cut inside a character leaves a U+FFFD on a line no rule needs.
        let text = text.utf8.count > Self.maxBytes ? String(decoding: text.utf8.prefix(Self.maxBytes), as: UTF8.self) : text
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
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

    /// Whether a path (with its query) may be fetched: the longest matching rule (in bytes, as
    /// RFC 9309 counts) wins, `Allow` wins a tie; `/robots.txt` itself is always allowed.
    public func allows(path rawPath: String) -> Bool {
        let path = rawPath.isEmpty ? "/" : rawPath
        if path == "/robots.txt" { return true }
        let subject = Glob.normalised(path)
        var best: Rule?
        var bestLength = -1
        subject.withUnsafeBufferPointer { subject in
            for rule in rules {
                let length = rule.pattern.utf8.count
                // A rule that could not win is not matched.
                guard length > bestLength || (length == bestLength && rule.allow && best?.allow == false) else { continue }
                if rule.glob.matches(subject) {
                    best = rule
                    bestLength = length
                }
            }
        }
        return best?.allow ?? true
    }
}

/// A robots.txt path pattern (RFC 9309: `*` any run of characters, `$` at the end anchors), matched in time linear in the path and the pattern: the
/// pattern's literal pieces between its `*`s, each found at its leftmost place after the one
/// before (for `*` alone, the leftmost place is as good as any: what follows has the most
/// room). Backtracking over the stars instead cost the product of the two lengths, and both
/// come from the site: a hostile robots.txt of one long rule and a long link could stall a run.
struct Glob: Sendable, Hashable {
    /// The pattern's pieces (bytes, percent-escapes in upper case), split at each `*`: the
    /// first is a prefix of every match, and with `$` the last is a suffix.
    let pieces: [[UInt8]]
    /// Each piece's failure table (Knuth–Morris–Pratt) for the linear search.
    let failures: [[Int]]
    /// Whether the pattern ends with `$`: the path must end where the pattern does.
    let anchored: Bool

    init(_ pattern: String) {
        var bytes = Self.normalised(pattern)
        anchored = bytes.last == UInt8(ascii: "$")
        if anchored { bytes.removeLast() }
        pieces = bytes.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: false).map(Array.init)
        failures = pieces.map(Self.failureTable)
    }

    /// Whether the pattern matches the (normalised) path: with `$`, all of it; else a prefix.
    func matches(_ path: UnsafeBufferPointer<UInt8>) -> Bool {
        let first = pieces[0]
        guard path.count >= first.count, zip(first, path).allSatisfy({ $0 == $1 }) else { return false }
        if pieces.count == 1 { return !anchored || path.count == first.count }
        // Without `$` the last piece is found like the middle ones (a match may end anywhere);
        // with it, the path must end with the last piece, after everything before it.
        var end = path.count
        var middle = pieces.indices.dropFirst()
        if anchored {
            let last = pieces[pieces.count - 1]
            guard path.count - last.count >= first.count, zip(last, path[(path.count - last.count)...]).allSatisfy({ $0 == $1 })
            else { return false }
            end = path.count - last.count
            middle = middle.dropLast()
        }
        var at = first.count
        for k in middle {
            guard let found = Self.find(pieces[k], failures[k], in: path, from: at, to: end) else { return false }
            at = found
        }
        return true
    }

    /// The end of the leftmost occurrence of `piece` in `text[from..<to]`, if any.
    private static func find(_ piece: [UInt8], _ failure: [Int], in text: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
        guard !piece.isEmpty else { return from }
        var matched = 0
        var i = from
        while i < to {
            let byte = text[i]
            while matched > 0 && piece[matched] != byte { matched = failure[matched - 1] }
            if piece[matched] == byte { matched += 1 }
            i += 1
            if matched == piece.count { return i }
        }
        return nil
    }

    /// For each prefix of `piece`, the length of its longest proper prefix that is also its suffix.
    private static func failureTable(_ piece: [UInt8]) -> [Int] {
        var table = [Int](repeating: 0, count: piece.count)
        var k = 0
        for i in piece.indices.dropFirst() {
            while k > 0 && piece[k] != piece[i] { k = table[k - 1] }
            if piece[k] == piece[i] { k += 1 }
            table[i] = k
        }
        return table
    }

    /// The bytes of a path or pattern as RFC 9309 compares them: percent-escapes in upper case
    /// (`%7e` = `%7E`), and a byte past ASCII percent-encoded (a rule written `/café` is the
    /// path `/caf%C3%A9` a URL sends).
    static func normalised(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            if byte < 0x80 {
                bytes.append(byte)
            } else {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%") {
                for k in (i + 1)..<min(i + 3, bytes.count) where (0x61...0x7A).contains(bytes[k]) { bytes[k] -= 0x20 }
                i += 3
            } else {
                i += 1
            }
        }
        return bytes
    }
}
