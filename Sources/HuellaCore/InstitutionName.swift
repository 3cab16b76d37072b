import Foundation

/// An institution's name reduced for comparison: no accents, case, generic words
/// (university, universidad, de, of…), with its acronym, so that "Universidad de Buenos
/// Aires", "UBA" and "University of Buenos Aires" compare equal.
public struct InstitutionName: Sendable, Hashable {
    public let words: [String]
    public let acronym: String

    private static let generic: Set<String> = [
        "universidad", "university", "universitat", "universite", "instituto", "institute", "college", "escuela",
        "school", "de", "del", "la", "las", "los", "of", "the", "at", "y", "and", "e", "el", "en", "in",
    ]
    /// Acronyms of large institutions whose short form hides their name.
    private static let known: [String: String] = [
        "itesm": "tecnologico monterrey", "tec de monterrey": "tecnologico monterrey", "udg": "guadalajara",
        "uanl": "autonoma nuevo leon", "unam": "nacional autonoma mexico", "uned": "nacional educacion distancia",
        "uba": "buenos aires", "ucv": "central venezuela", "unmsm": "nacional mayor san marcos", "ipn": "politecnico nacional",
        "iteso": "jesuita guadalajara", "tu dublin": "technological dublin", "asu": "arizona state",
    ]

    public init(_ text: String) {
        let folded = Folding.fold(text)
        let cleaned = String(folded.map { $0.isLetter || $0.isNumber ? $0 : " " })
        let all = cleaned.split(separator: " ").map(String.init)
        acronym = all.filter { !["de", "del", "la", "of", "the", "y", "and"].contains($0) }.compactMap(\.first).map(String.init).joined()
        var words = all.filter { !Self.generic.contains($0) }
        if let expansion = Self.known[all.joined(separator: " ")] ?? (all.count == 1 ? Self.known[all[0]] : nil) {
            words = expansion.split(separator: " ").map(String.init)
        }
        self.words = words
    }

    /// Whether two names can denote the same institution: one's distinctive words are all
    /// in the other, or one is the other's acronym.
    public func isCompatible(with other: InstitutionName) -> Bool {
        if words.isEmpty || other.words.isEmpty { return true }
        let a = Set(words)
        let b = Set(other.words)
        if a.isSubset(of: b) || b.isSubset(of: a) { return true }
        if words.count == 1 && words[0] == other.acronym { return true }
        if other.words.count == 1 && other.words[0] == acronym { return true }
        return false
    }
}
