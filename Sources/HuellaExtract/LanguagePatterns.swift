import Foundation
import HuellaCore

/// Languages a person speaks, with a level on the CEFR scale when one is stated
/// ("inglés avanzado (C1)", "Spanish · Native or bilingual proficiency", "English: Fluent").
struct LanguagePatterns {
    static let names: [String: String] = [
        "english": "en", "inglés": "en", "ingles": "en", "spanish": "es", "español": "es", "espanol": "es",
        "castellano": "es", "french": "fr", "francés": "fr", "frances": "fr", "german": "de", "alemán": "de",
        "aleman": "de", "italian": "it", "italiano": "it", "portuguese": "pt", "portugués": "pt", "portugues": "pt",
        "catalan": "ca", "catalán": "ca", "català": "ca", "filipino": "fil", "tagalog": "tl", "chinese": "zh",
        "mandarin": "zh", "chino": "zh", "japanese": "ja", "japonés": "ja", "arabic": "ar", "árabe": "ar",
        "russian": "ru", "ruso": "ru", "dutch": "nl", "neerlandés": "nl", "irish": "ga", "irlandés": "ga",
        "galician": "gl", "gallego": "gl", "basque": "eu", "euskera": "eu", "hindi": "hi", "korean": "ko",
        "coreano": "ko", "polish": "pl", "polaco": "pl",
    ]

    /// Level phrases, longest first, and the CEFR level each means.
    static let levels: [(String, LanguageLevel)] = [
        ("native or bilingual proficiency", .native), ("native or bilingual", .native),
        ("competencia bilingüe o nativa", .native), ("bilingüe o nativa", .native),
        ("full professional proficiency", .c1), ("competencia profesional completa", .c1),
        ("professional working proficiency", .b2), ("competencia básica profesional", .b2),
        ("competencia profesional básica", .b2), ("limited working proficiency", .b1),
        ("competencia básica limitada", .b1), ("elementary proficiency", .a2), ("competencia básica", .a2),
        ("lengua materna", .native), ("mother tongue", .native), ("upper-intermediate", .b2),
        ("upper intermediate", .b2), ("intermedio-alto", .b2), ("intermedio alto", .b2), ("native", .native),
        ("nativo", .native), ("nativa", .native), ("bilingual", .native), ("bilingüe", .native),
        ("bilingue", .native), ("proficient", .c2), ("fluent", .c1), ("fluency", .c1), ("fluido", .c1),
        ("fluida", .c1), ("fluidez", .c1), ("advanced", .c1), ("avanzado", .c1), ("avanzada", .c1),
        ("conversational", .b1), ("conversacional", .b1), ("intermediate", .b1), ("intermedio", .b1),
        ("intermedia", .b1), ("basic", .a2), ("básico", .a2), ("básica", .a2), ("elementary", .a2),
        ("A1", .a1), ("A2", .a2), ("B1", .b1), ("B2", .b2), ("C1", .c1), ("C2", .c2),
    ]

    static let name = Patterns.compile("\\b(" + Patterns.trie(Array(names.keys)) + ")\\b")
    /// A language name is its keyword.
    static let nameWindow = KeywordWindow(keywords: Array(names.keys), before: 0, after: 4)
    /// A level phrase as a trie (the longer of two phrases that start alike is listed first,
    /// so the trie's longest-first order is the list's).
    static let level = Patterns.compile("(?<![\\p{L}])(" + Patterns.trie(levels.map(\.0)) + ")(?![\\p{L}])")
    static let context = Patterns.compile(
        #"\b(?:speak|spoken|languages?|idiomas?|lenguas?|hablo|habla|bilingual|biling[üu]e)\b"#)
    /// Two language names side by side ("en español y en inglés", "English and Spanish",
    /// "inglés/español"): a page names languages so when it says which it works in.
    /// The second name is read ahead, not taken: it may start the next pair ("español, inglés y
    /// francés"); a pair before a noun of people or markets names nationalities.
    static let pair = Patterns.compile(
        "\\b(" + Patterns.trie(Array(names.keys)) + ")\\s*(?:,|/|&|\\by\\b|\\be\\b|\\band\\b)\\s*(?:(?:en|in)\\s+)?(?=("
            + Patterns.trie(Array(names.keys)) + ")\\b(?!\\s*-?\\s*(?:" + nationalityNouns + ")\\b))")
    /// Nouns after which two names are nationalities, not languages ("Spanish and French clients").
    private static let nationalityNouns =
        "clients|customers|companies|businesses|markets?|speaking|speakers|teams|brands|firms|clientes|empresas|mercados?|marcas"
    /// A pair starts at its first name, and its match (the second name only read ahead) ends
    /// at most 28 characters after it ("portugués y en ": a name of 9 letters and " y en ").
    static let pairWindow = KeywordWindow(keywords: Array(names.keys), before: 0, after: 28)
    /// Words one of which every match of `context` holds (lower case).
    static let contextWords = ["speak", "spoken", "language", "idioma", "lengua", "hablo", "habla", "bilingual", "bilingüe", "bilingue"]

    /// The ISO 639-1 code for a language name or code.
    static func code(for text: String) -> String? {
        let lower = text.lowercased().trimmingSpaces()
        if (2...3).contains(lower.count), names.values.contains(lower) { return lower }
        return names[lower] ?? names[lower.split(separator: " ").first.map(String.init) ?? ""]
    }

    static func levelValue(_ phrase: String) -> LanguageLevel? {
        levelsByPhrase[phrase.lowercased()]
    }

    /// `levels` by lower-case phrase; the first entry of a phrase wins, as a search in order would.
    private static let levelsByPhrase: [String: LanguageLevel] = levels.reduce(into: [:]) { table, entry in
        if table[entry.0.lowercased()] == nil { table[entry.0.lowercased()] = entry.1 }
    }

    func claims(in index: TextIndex) -> [Claim] {
        var claims: [Claim] = []
        var seen: Set<String> = []
        let mayHaveContext = Set(index.blocksContaining(Self.contextWords))
        let pairs = Set(index.matches(Self.pair, in: Self.pairWindow).flatMap { [$0.range(at: 1).location, $0.range(at: 2).location] })
        for match in index.matches(Self.name, in: Self.nameWindow) {
            let block = index.blockIndex(at: match.range.location)
            let nearby = nearestLevel(to: match.range, in: index)
            let hasContext = mayHaveContext.contains(block) && index.firstMatch(Self.context, inBlock: block) != nil
                || pairs.contains(match.range.location)
            guard nearby != nil || hasContext, let code = Self.code(for: index.substring(match.range)) else { continue }
            guard seen.insert(code + (nearby?.rawValue ?? "")).inserted else { continue }
            claims.append(index.claim(.language, .language(LanguageSkill(code: code, level: nearby)), at: match.range))
        }
        // A language without a level is dropped when the same language also has one.
        let withLevel = Set(claims.compactMap { claim -> String? in
            if case .language(let l) = claim.value, l.level != nil { return l.code }
            return nil
        })
        return claims.filter { claim in
            if case .language(let l) = claim.value, l.level == nil { return !withLevel.contains(l.code) }
            return true
        }
    }

    /// The level phrase closest to a language name on the same line: up to 60 characters
    /// after it ("English: Fluent"), or just before it ("bilingüe español-inglés").
    private func nearestLevel(to range: NSRange, in index: TextIndex) -> LanguageLevel? {
        // The match's own line: its block, or in a block of several lines the one around it.
        // The regexes read parts of it in place (as strings of their own would be read).
        let block = index.blockIndex(at: range.location)
        let lineStart: Int
        let limit: Int
        if let line = index.lineRange(at: range.location) {
            lineStart = line.location
            limit = line.location + line.length
        } else {
            let text = index.text
            let lineEnd = text.range(of: "\n", range: NSRange(location: range.location, length: index.length - range.location))
            limit = lineEnd.location == NSNotFound ? index.length : lineEnd.location
            let before = text.range(of: "\n", options: .backwards, range: NSRange(location: 0, length: range.location))
            lineStart = before.location == NSNotFound ? 0 : before.location + 1
        }
        let afterStart = range.location + range.length
        let after = NSRange(location: afterStart, length: min(60, limit - afterStart))
        if let m = index.firstMatch(Self.level, inBlock: block, part: after) {
            // Another language name between the two means the level belongs to that one.
            let between = NSRange(location: afterStart, length: m.range.location - afterStart)
            if index.firstMatch(Self.name, inBlock: block, part: between) == nil {
                return Self.levelValue(index.substring(m.range))
            }
        }
        // LinkedIn: the language on one line, "Competencia profesional completa" on the next.
        // (Read in place, up to the first letter: the rest of a long line is not copied for each name.)
        let restIsBlank = index.withUTF16 { units in
            units[afterStart..<limit].allSatisfy { Unicode.Scalar($0).map(String.isSpace) ?? false }
        }
        if restIsBlank {
            let next = index.blockText(block + 1).trimmingSpaces()
            if next.count <= 48, let level = Self.levelValue(next) { return level }
        }
        let from = max(lineStart, range.location - 30)
        let before = NSRange(location: from, length: range.location - from)
        if let m = index.matches(Self.level, inBlock: block, part: before).last {
            return Self.levelValue(index.substring(m.range))
        }
        return nil
    }
}

/// Language names and codes to ISO 639-1, for rosters and other callers.
public enum LanguageCodes {
    public static func code(for text: String) -> String? { LanguagePatterns.code(for: text) }
}
