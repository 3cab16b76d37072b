import Foundation
import HuellaCore

/// Years of experience ("10+ years of experience", "más de ocho años de experiencia",
/// "a decade of experience"), "since 2015" / "desde 2015", and a stated birth year.
struct ExperiencePatterns {
    private static let number = #"(\d{1,2}|"# + Patterns.numberWordAlternation + ")"
    static let years = Patterns.compile(
        #"\b(?:over|more than|nearly|almost|about|m[aá]s de|casi|cerca de)?\s*"# + number
            + #"\s*\+?\s*(?:years?|yrs?)['’]?\s+(?:of\s+)?(?:professional\s+|combined\s+|hands-on\s+|industry\s+)?(?:experience|expertise)\b"#
            + #"|\b"# + number + #"\s*\+?\s*a[ñn]os\s+de\s+(?:experiencia|trayectoria)\b"#)
    /// A match holds "year", "yr", "año" or "ano" (the one word "años"/"anos" may hold an "ſ",
    /// which ICU's case folding matches as "s"), starts at most ~24 characters before it ("more
    /// than twenty-five + ") and ends at most ~29 after it ("s’ of professional experience").
    /// Only that word followed by "experien", "experti" or "trayectoria" opens a window: the
    /// "año" of a Spanish date does not, nor a page's every "experience".
    static let yearsWindow = KeywordWindow(keywords: ["year", "yr", "año", "ano"], before: 32, after: 36) { line, at in
        // 36 UTF-16 units are at most 108 bytes, past the word's own.
        let after = line[min(line.endIndex, at + 2)..<min(line.endIndex, at + 120)]
        return after.withUnsafeBufferPointer { experienceWords.occurs(in: $0) }
    }
    private static let experienceWords = ASCIINeedles(["experien", "experti", "trayectoria"])
    static let decade = Patterns.compile(
        #"\b(?:over |more than |nearly |almost |m[aá]s de |casi )?(a|one|two|una|dos)\s+(?:decades?|d[eé]cadas?)\s+(?:of\s+|de\s+)?(?:experience|experiencia|trayectoria)"#)
    static let since = Patterns.compile(
        #"\b(?:since|established in|founded in|in business since|serving clients since|desde(?: el(?: a[ñn]o)?)?|fundad[ao] en|en el mercado desde|trabajando desde)\s+((?:19|20)\d{2})\b"#)
    static let born = Patterns.compile(
        #"\b(?:born in|born|nac[ií] en(?: el a[ñn]o)?|nacid[ao] en(?: el a[ñn]o)?)\s+((?:19|20)\d{2})\b"#)

    /// "more than una " before the word, "as de trayectoria" after it.
    static let decadeWindow = KeywordWindow(keywords: ["decad", "décad"], before: 20, after: 24)
    /// "serving clients since" holds "since" 16 characters in; "desde el año 2015" ends 12 after "desde".
    static let sinceWindow = KeywordWindow(
        keywords: ["since", "desde", "established", "founded", "fundad", "mercado"], before: 20, after: 20)
    /// "nacida en el año 1990" ends 18 characters after "nac".
    static let bornWindow = KeywordWindow(keywords: ["born", "nac"], before: 0, after: 24)

    func claims(in index: TextIndex) -> [Claim] {
        var claims: [Claim] = []
        for match in index.matches(Self.years, in: Self.yearsWindow) {
            let group = match.range(at: 1).location != NSNotFound ? 1 : 2
            guard let n = Patterns.number(index.substring(match.range(at: group))), (1...60).contains(n) else { continue }
            claims.append(index.claim(.experienceYears, .number(n), at: match.range))
        }
        for match in index.matches(Self.decade, in: Self.decadeWindow) {
            let word = index.substring(match.range(at: 1)).lowercased()
            claims.append(index.claim(.experienceYears, .number(word == "two" || word == "dos" ? 20 : 10), at: match.range))
        }
        let thisYear = Patterns.currentYear
        for match in index.matches(Self.since, in: Self.sinceWindow) {
            guard let year = Int(index.substring(match.range(at: 1))), (1950...thisYear).contains(year) else { continue }
            claims.append(index.claim(.sinceYear, .number(year), at: match.range))
        }
        for match in index.matches(Self.born, in: Self.bornWindow) {
            guard let year = Int(index.substring(match.range(at: 1))), (1930...thisYear).contains(year) else { continue }
            claims.append(index.claim(.birthYear, .number(year), at: match.range))
        }
        return claims
    }
}
