import Foundation

/// A person's name reduced for comparison: no accents, case, punctuation, honorifics
/// or particles (`de`, `del`, `la`, `y`).
public struct PersonName: Sendable, Hashable {
    public let tokens: [String]

    private static let honorifics: Set<String> = [
        "mr", "mrs", "ms", "miss", "mx", "dr", "dra", "sr", "sra", "srta", "lic", "licda", "ing", "mtro",
        "mtra", "prof", "profa", "don", "dona",
    ]
    private static let particles: Set<String> = ["de", "del", "la", "las", "los", "y", "e", "i"]

    public init(_ text: String) {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        let cleaned = folded.unicodeScalars.map { scalar -> Character in
            if scalar == "'" || scalar == "’" || scalar == "`" { return "\u{0}" }  // O'Connor → oconnor
            return CharacterSet.letters.contains(scalar) ? Character(scalar) : " "
        }
        let joined = String(cleaned).replacingOccurrences(of: "\u{0}", with: "")
        tokens = joined.split(separator: " ").map(String.init).filter {
            !Self.honorifics.contains($0) && !Self.particles.contains($0)
        }
    }

    /// Whether two names can be the same person: the given names agree, and every part
    /// of the shorter name appears in the longer one (a second surname or a middle name
    /// may be absent; an initial stands for its name).
    public func isCompatible(with other: PersonName) -> Bool {
        guard let first = tokens.first, let otherFirst = other.tokens.first else { return true }
        guard Self.matches(first, otherFirst) else { return false }
        let (short, long) = tokens.count <= other.tokens.count ? (tokens, other.tokens) : (other.tokens, tokens)
        var available = Array(long.dropFirst())
        for token in short.dropFirst() {
            guard let index = available.firstIndex(where: { Self.matches(token, $0) }) else { return false }
            available.remove(at: index)
        }
        return true
    }

    /// Equal, an initial, or a short form of at least three letters (Vale → Valentina, Alex → Alejandra).
    private static func matches(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        if a.count >= 3 && b.count > a.count && b.hasPrefix(a) { return true }
        if b.count >= 3 && a.count > b.count && a.hasPrefix(b) { return true }
        if a.count == 1 { return b.hasPrefix(a) }
        if b.count == 1 { return a.hasPrefix(b) }
        return false
    }
}
