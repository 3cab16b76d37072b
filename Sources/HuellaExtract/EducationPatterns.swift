import Foundation
import HuellaCore

/// Degrees in English and Spanish, with level (on one scale across countries), field,
/// institution, status and year.
struct EducationPatterns {
    /// Degree words and the level each names. Order matters: longer phrases first.
    static let degreeWords: [(String, DegreeLevel)] = [
        ("técnico superior universitario", .technical), ("tecnico superior universitario", .technical),
        ("técnico superior", .technical), ("tecnico superior", .technical), ("ciclo formativo de grado superior", .technical),
        ("ciclo formativo", .technical), ("high school diploma", .secondary), ("associate'?s degree", .technical),
        ("associate degree", .technical), ("bachelor'?s degree", .bachelor), ("bachelor of [a-z]+", .bachelor),
        ("bachelor'?s", .bachelor), ("master'?s degree", .master), ("master of [a-z]+", .master),
        ("master'?s", .master), ("máster universitario", .master), ("máster", .master), ("master", .master),
        ("maestría", .master), ("maestria", .master), ("licenciatura", .bachelor), ("licenciad[oa]", .bachelor),
        ("grado universitario", .bachelor), ("grado en", .bachelor), ("graduad[oa] en", .bachelor),
        // LinkedIn's card says "Grado" and the field ("Grado Derecho"): capitalised, before a
        // capitalised word, not vocational training's "Grado Básico/Medio/Superior" nor a
        // heading's "Alto Grado De Compromiso".
        ("g(?<=(?-i:G))rado(?=\\s+(?!(?:medio|superior|b[aá]sico|profesional|de|del|en)\\b)(?-i:\\p{Lu}))", .bachelor),
        // "Ingeniería" names a degree with its capital ("Ingeniería Industrial"); in lower case
        // it is the trade ("una consultora de ingeniería").
        ("i(?<=(?-i:I))ngenier[ií]a", .bachelor), ("ingenier[oa] en", .bachelor), ("doctorado", .doctorate),
        ("doctorate", .doctorate), ("bachillerato", .secondary), ("preparatoria", .secondary),
        ("secundaria", .secondary), ("diplomado", .nonDegree), ("diploma course", .nonDegree),
        ("t\\.?s\\.?u\\.?", .technical), ("tecn[oó]log[oa]", .technical), ("higher national diploma", .technical),
        ("(?<!en )curso de", .nonDegree), ("course in", .nonDegree), ("certificate in", .nonDegree), ("certificate program", .nonDegree),
        ("certificado de profesionalidad", .nonDegree), ("experto universitario", .nonDegree),
    ]
    /// Abbreviations, matched case-sensitively.
    static let abbreviations: [(String, DegreeLevel)] = [
        ("MBA", .master), ("MSc", .master), ("M\\.Sc\\.", .master), ("MA(?= in )", .master),
        ("BA(?: \\(Hons\\))?", .bachelor), ("BSc(?: \\(Hons\\))?", .bachelor), ("B\\.A\\.", .bachelor),
        ("B\\.Sc\\.", .bachelor), ("BS(?= in |\\), )", .bachelor), ("PhD", .doctorate), ("Ph\\.D\\.", .doctorate),
    ]

    /// Lower-case fragments one of which every degree phrase contains.
    static let keywords = [
        "licenci", "grado", "graduad", "bachelor", "master", "máster", "maestr", "ingenier", "doctor", "bachillerato",
        "preparatoria", "secundaria", "diplom", "técnico", "tecnico", "t.s.u", "tsu", "associate", "high school", "curso de",
        "course in", "certificate", "tecnólog", "tecnolog", "ciclo formativo", "experto universitario", "higher national",
        "certificado de profesionalidad",
    ]
    /// A degree phrase holds its keyword; the longest is 33 characters ("bachelor of <word>" open-ended).
    static let wordsWindow = KeywordWindow(keywords: keywords, before: 40, after: 80)
    static let words = Patterns.compile("\\b(" + groupedByInitial(degreeWords.map(\.0)) + ")\\b")

    /// An alternation of phrases grouped by their first letter, each group behind a lookahead
    /// for it: at a position ICU tests a dozen letters and then the few phrases of one group,
    /// instead of forty-five phrases (each through case folding). Within a group the phrases
    /// keep their order, and phrases of other groups cannot match there, so the first phrase
    /// that matches is the one the flat list finds. (A phrase may open with a lookbehind.)
    static func groupedByInitial(_ phrases: [String]) -> String {
        var initials: [Character] = []
        var groups: [Character: [String]] = [:]
        for phrase in phrases {
            var rest = Substring(phrase)
            if rest.hasPrefix("(?<"), let close = rest.firstIndex(of: ")") { rest = rest[rest.index(after: close)...] }
            guard let initial = rest.first?.lowercased().first, initial.isLetter else { return phrases.joined(separator: "|") }
            if groups[initial] == nil { initials.append(initial) }
            groups[initial, default: []].append(phrase)
        }
        return "(?:" + initials.map { "(?=" + String($0) + ")(?:" + groups[$0]!.joined(separator: "|") + ")" }.joined(separator: "|") + ")"
    }
    /// What each abbreviation starts with, in its case ("MBA" holds "MB"…): a block without
    /// one is not read by the case-sensitive pattern (its keywords, "ba", "ma "…, are in
    /// lower case and in many words).
    static let abbreviationStarts: [[UInt16]] = ["MB", "MS", "M.", "MA", "BA", "BS", "B.", "Ph"].map { Array($0.utf16) }
    static let abbreviated = Patterns.compile(
        "\\b(" + abbreviations.map(\.0).joined(separator: "|") + ")", caseSensitive: true)
    /// After each character of the field, the end is looked for only where it can be: not
    /// between two letters (`(?!\p{L})|(?<=[&' -])` is that test, cheaper than the end's),
    /// and before one of the end's first characters (`(?=[,().;·|afpeuid\d\-–—]|$)`). A dash
    /// between spaces ends it too ("Gestión Administrativa - Servicio Nacional de Aprendizaje").
    static let field = Patterns.compile(
        #"^\s*(?:\(BS\)|\(BA\)|- ?BA|- ?BS)?\s*(?:,|in|en|of|de|-)?\s+([\p{L}][\p{L}&' -]{2,70}?)(?:(?!\p{L})|(?<=[&' -]))(?=\s*(?=[,().;·|afpeuid\d\-–—]|$)(?:,|\(|\)|\.|;|·|\||[\-–—]\s|\bat\b|\bfrom\b|\bpor\b|\ben la\b|\ben el\b|\bUniversi|\bInstitut|\bde la Universidad|\d|$))"#)
    static let institution = Patterns.compile(
        #"\b(?:(?:Universidad|Universitat|Instituto|Escuela|Tecnol[oó]gico|Polit[eé]cnico|Centro Universitario)(?:\s+(?:de|del|la|las|los|y|e|[\p{Lu}][\p{L}.'-]*))+|(?:[\p{Lu}][\p{L}.'-]+\s+){0,4}(?:University|College|Institute|Polytechnic)(?:\s+(?:of|at)\s+(?:the\s+)?[\p{Lu}][\p{L}.'-]*(?:\s+(?:[\p{Lu}][\p{L}.'-]*|of|the|at))*|\s+[\p{Lu}][\p{L}'-]+(?=\s*(?:[,;:()·|–—]|\.(?!\p{L})|$)))?|UNED|UNAM|ITESM|UBA|UNMSM|UANL|IPN|UDG|SENA|ITESO)\b"#,
        caseSensitive: true)
    static let inProgress = Patterns.compile(
        #"\b(?:in progress|currently (?:studying|pursuing|enrolled)|candidate|expected\s+(?:19|20)\d{2}|en curso|cursando|estudiante de|pasante)\b"#)
    /// Words one of which every match of `inProgress` holds (lower case): a line without one is not read.
    static let inProgressWords = ["progress", "currently", "candidate", "expected", "en curso", "cursando", "estudiante", "pasante"]
    /// The same for `institution` (its names in any case, its acronyms).
    static let institutionWords = [
        "universi", "institut", "escuela", "tecnol", "polit", "centro", "college", "polytechnic", "uned", "unam", "itesm", "uba",
        "unmsm", "uanl", "ipn", "udg", "sena", "iteso",
    ]
    private static let year = Patterns.compile(#"\b((?:19|20)\d{2})\b"#)
    /// "I studied Accounting and Finance at …", "estudié Derecho en …": the field of a degree
    /// the line names elsewhere ("(BA, 2019)").
    static let studied = Patterns.compile(
        #"\b(?:studied|majored in|estudi[eé]|curs[eé])\s+((?-i:\p{Lu})[\p{L}&' ]{2,60}?)\s+(?:at|in|en|por)\s+(?:the\s+|la\s+|el\s+)?(?-i:\p{Lu})"#)
    static let studiedWords = ["studied", "majored", "estudi", "curs"]

    func claims(in index: TextIndex) -> [Claim] {
        var claims: [Claim] = []
        var seen: Set<Int> = []
        var lastBlock = -1
        var lastField = ""
        var lastLevel: DegreeLevel?
        var lastEnd = 0
        let mayBeInProgress = Set(index.blocksContaining(Self.inProgressWords))
        let mayNameInstitution = Set(index.blocksContaining(Self.institutionWords))
        // What a line says of all its degrees (institution, status, year), read once per line:
        // a block of a thousand degrees is not read a thousand times over.
        var lineFacts: [Int: (institution: String?, status: DegreeStatus, year: Int?)] = [:]
        func facts(_ block: Int) -> (institution: String?, status: DegreeStatus, year: Int?) {
            if let known = lineFacts[block] { return known }
            let institution = institution(near: block, in: index, candidates: mayNameInstitution)
            let inProgress = mayBeInProgress.contains(block) && index.firstMatch(Self.inProgress, inBlock: block) != nil
            // The degree's own line first; the next line (LinkedIn puts dates there) only when it has none.
            let ownYears = allYears(inBlock: block, of: index)
            let years = ownYears.isEmpty && !isDegreeLine(index.blockText(block + 1)) ? allYears(inBlock: block + 1, of: index) : ownYears
            let thisYear = Patterns.currentYear
            let year = years.filter { $0 <= thisYear + 6 }.max()
            let status: DegreeStatus = inProgress || (year ?? 0) > thisYear ? .inProgress : .completed
            let found = (institution, status, year)
            lineFacts[block] = found
            return found
        }
        let found = index.matches(Self.words, in: Self.wordsWindow).map { ($0, Self.level(words: index.substring($0.range(at: 1)))) }
            + index.matches(
                Self.abbreviated,
                inBlocks: index.blocksContaining(["ba", "bs", "ma ", "mba", "msc", "m.sc", "phd", "ph.d", "b.a", "b.sc"])
                    .filter { index.block($0, holdsExactly: Self.abbreviationStarts) })
            .map { ($0, level(abbreviation: index.substring($0.range(at: 1)))) }
        let mayNameStudies = Set(index.blocksContaining(Self.studiedWords))
        var studiedFields: [Int: String?] = [:]  // per line: a line of many degrees is read once
        func studiedField(_ block: Int) -> String? {
            guard mayNameStudies.contains(block) else { return nil }
            if let known = studiedFields[block] { return known }
            let fields = index.matches(Self.studied, inBlock: block)
            let field = fields.count == 1 ? index.substring(fields[0].range(at: 1)).trimmingSpaces() : nil
            studiedFields[block] = field
            return field
        }
        let degrees = found.sorted(by: { $0.0.range.location < $1.0.range.location })
        // The degrees that are claims, with their fields: a degree word inside the previous
        // degree's field ("Máster en Gestión de Grado…") or the same degree named again
        // ("Bachelor of Arts - BA", "Licenciatura (BA)") is none.
        var kept: [(match: TextMatch, level: DegreeLevel, block: Int, field: String?)] = []
        for (match, level) in degrees {
            guard let level else { continue }
            let block = index.blockIndex(at: match.range.location)
            guard seen.insert(match.range.location).inserted else { continue }
            let word = index.substring(match.range).lowercased()
            if block == lastBlock, lastField.contains(word) { continue }
            if block == lastBlock, level == lastLevel, Self.onlySeparators(index.substring(NSRange(location: lastEnd, length: max(0, match.range.location - lastEnd)))) {
                continue
            }
            let field = self.field(after: match.range, in: index) ?? studiedField(block)
            kept.append((match, level, block, field))
            lastBlock = block
            lastField = field?.lowercased() ?? ""
            lastLevel = level
            lastEnd = match.range.location + match.range.length
        }
        let own = ownInstitutions(of: kept.map(\.match.range), in: index, candidates: mayNameInstitution)
        for (match, level, block, field) in kept {
            var (institution, status, year) = facts(block)
            if let mine = own[match.range.location] { institution = mine }
            let degree = Degree(
                level: level, name: index.substring(match.range), field: field, institution: institution, status: status, year: year)
            claims.append(index.claim(.education, .degree(degree), at: match.range))
        }
        return claims
    }

    /// On a line of several degrees, each degree's own institution (nil: none of its own), by
    /// the degree's location: the first named after it and before the next degree ("graduada en
    /// Derecho por la Universidad de Sevilla y tengo un máster en…"), or else the last named
    /// before it that no degree before it took. The line's first institution went to all of them.
    private func ownInstitutions(of degrees: [NSRange], in index: TextIndex, candidates: Set<Int>) -> [Int: String?] {
        var own: [Int: String?] = [:]
        let byBlock = Dictionary(grouping: degrees) { index.blockIndex(at: $0.location) }
        for (block, ranges) in byBlock where ranges.count > 1 && candidates.contains(block) {
            let names = index.matches(Self.institution, inBlock: block).map(\.range)
            guard !names.isEmpty else { continue }
            // Both lists in page order: one walk over the names for all the degrees.
            var taken: Set<Int> = []
            var n = 0  // the first name that does not end before the current degree
            for (i, degree) in ranges.enumerated() {
                let end = degree.location + degree.length
                let next = i + 1 < ranges.count ? ranges[i + 1].location : Int.max
                while n < names.count && names[n].location + names[n].length <= degree.location { n += 1 }
                var after = n
                while after < names.count && names[after].location < end { after += 1 }
                if after < names.count && names[after].location < next {
                    taken.insert(names[after].location)
                    own[degree.location] = Self.trimParticles(index.substring(names[after]))
                } else if n > 0, !taken.contains(names[n - 1].location) {
                    taken.insert(names[n - 1].location)
                    own[degree.location] = Self.trimParticles(index.substring(names[n - 1]))
                } else {
                    own[degree.location] = .some(nil)
                }
            }
        }
        return own
    }

    /// The institution on the degree's line, or on the line after or before it when that
    /// line is not another degree and is in the degree's list item (the line before a degree
    /// may be the end of the item before: "Centro Universitario…" under the last degree);
    /// a short line of its own is the institution whole ("ITESO, Universidad Jesuita de Guadalajara").
    /// `candidates`: the lines that hold one of `institutionWords`.
    private func institution(near block: Int, in index: TextIndex, candidates: Set<Int>) -> String? {
        // The regex reads each line where it lies in the page (a line's spaces at its ends do not change its match).
        func institution(inBlock line: Int) -> String? {
            guard candidates.contains(line) else { return nil }
            return index.firstMatch(Self.institution, inBlock: line).map { Self.trimParticles(index.substring($0.range)) }
        }
        if let own = institution(inBlock: block) { return own }
        let item = Locator.item(of: index.blocks[block].locator)
        for neighbour in [block + 1, block - 1] {
            let line = index.blockText(neighbour).trimmingSpaces()
            guard !line.isEmpty, !isDegreeLine(line), let found = institution(inBlock: neighbour),
                Locator.item(of: index.blocks[neighbour].locator) == item
            else { continue }
            return line.count <= 90 ? line.trimming(" ,·-") : found
        }
        return nil
    }

    private func isDegreeLine(_ line: String) -> Bool {
        // The regexes only where their words could be: a line without one is not a degree line.
        let bytes = Array(line.utf8)
        let lower = Array(line.lowercased().utf8)
        return (Self.keywordBytes.contains { TextIndex.contains(lower, $0) } && Self.words?.firstMatch(in: line) != nil)
            || (Self.abbreviationBytes.contains { TextIndex.contains(bytes, $0) } && Self.abbreviated?.firstMatch(in: line) != nil)
    }

    /// The keywords, and the spellings of T.S.U. they miss ("t.su", "ts.u").
    private static let keywordBytes = (keywords + ["t.s", "ts."]).map { Array($0.utf8) }
    /// Fragments one of which every abbreviation holds, in its own case.
    private static let abbreviationBytes = ["MBA", "MSc", "M.Sc", "MA", "BA", "BSc", "B.A", "B.Sc", "BS", "PhD", "Ph.D"].map { Array($0.utf8) }

    /// Each degree phrase compiled once, anchored, with its level.
    static let wordLevels: [(NSRegularExpression, DegreeLevel)] = degreeWords.compactMap { pattern, level in
        // What a phrase looks ahead at is not part of the words matched.
        let words = pattern.range(of: "(?=").map { String(pattern[..<$0.lowerBound]) } ?? pattern
        return Patterns.compile("^(?:" + words + ")$").map { ($0, level) }
    }
    static let abbreviationLevels: [(NSRegularExpression, DegreeLevel)] = abbreviations.compactMap { pattern, level in
        Patterns.compile("^(?:" + pattern + ")", caseSensitive: true).map { ($0, level) }
    }

    /// The level of degree words as matched, remembered across pages: the same few dozen
    /// spellings come back on every page, and finding one tries the phrases in turn.
    private static func level(words: String) -> DegreeLevel? {
        knownLevels.value(for: words) { wordLevels.first { $0.0.firstMatch(in: words) != nil }?.1 }
    }

    /// Capped: "bachelor of …" has no end of spellings.
    private static let knownLevels = Memo<String, DegreeLevel?>(capacity: 1024)

    private func level(abbreviation: String) -> DegreeLevel? {
        Self.abbreviationLevels.first {
            $0.0.firstMatch(in: abbreviation) != nil
        }?.1
    }

    /// Where the rest of the block after a match lies, up to `tailLength` characters: the field
    /// pattern reads at most ~110 (a field of up to 70 and what may follow it), so a longer cut
    /// cannot change what it finds, and the rest of a long paragraph is not read for it.
    private func tail(after range: NSRange, in index: TextIndex) -> NSRange {
        let from = range.location + range.length
        let limit = min(index.length - from, Self.tailLength)
        let end: Int
        if let line = index.lineRange(at: range.location) {
            end = min(from + limit, line.location + line.length)  // the line ends with its block
        } else {
            let newline = index.text.range(of: "\n", range: NSRange(location: from, length: limit))
            end = newline.location == NSNotFound ? from + limit : newline.location
        }
        return NSRange(location: from, length: end - from)
    }

    /// The field a degree names after its words ("en Administración de Empresas"), read
    /// where the tail lies in the page's text (the tail never leaves the degree's block).
    private func field(after range: NSRange, in index: TextIndex) -> String? {
        guard let m = index.firstMatch(Self.field, inBlock: index.blockIndex(at: range.location), part: tail(after: range, in: index)),
            m.range(at: 1).location != NSNotFound
        else { return nil }
        var value = index.substring(m.range(at: 1)).trimmingSpaces()
        // "History and a Master's degree in Education": the field ends where a second degree
        // is joined to the first.
        if let second = Self.words?.firstMatch(in: value), second.range.location > 0,
            Self.namesField(after: second.range, in: value)
        {
            var head = String(value.utf16.prefix(second.range.location)) ?? value
            var words = head.split(separator: " ")
            var joined = false
            while let last = words.last, Self.joiners.contains(last.lowercased()) {
                words.removeLast()
                joined = true
            }
            head = words.joined(separator: " ")
            if joined, !head.isEmpty { value = head }
        }
        return value.isEmpty ? nil : value
    }
    /// Whether a degree phrase in a text goes on to its field ("Master's degree in …",
    /// "máster en …"): a degree joined to another, not a word of the field ("… Primaria y Secundaria").
    private static func namesField(after range: NSRange, in text: String) -> Bool {
        let rest = String(text.utf16.dropFirst(range.location + range.length)) ?? ""
        let words = rest.split(separator: " ").prefix(2).map { $0.lowercased() }
        return words.contains { ["in", "en", "of", "de"].contains($0) } || words.first == "degree"
    }
    private static let joiners: Set<String> = ["and", "a", "an", "plus", "y", "un", "una", "e", "&", "then", "luego", "después"]

    static let tailLength = 200

    private func allYears(inBlock block: Int, of index: TextIndex) -> [Int] {
        index.matches(Self.year, inBlock: block).compactMap { Int(index.substring($0.range(at: 1))) }
    }

    /// Whether text between two degree names only separates them (" - ", " (", ", ").
    static func onlySeparators(_ text: String) -> Bool {
        text.count <= 4 && text.allSatisfy { $0 == " " || $0 == "-" || $0 == "–" || $0 == "(" || $0 == "," || $0 == "/" }
    }

    /// "Universidad de Sevilla y" → "Universidad de Sevilla".
    static func trimParticles(_ text: String) -> String {
        var words = text.split(separator: " ").map(String.init)
        while let last = words.last, ["de", "del", "la", "las", "los", "y", "e", "of", "the", "at"].contains(last.lowercased()) {
            words.removeLast()
        }
        return words.joined(separator: " ")
    }
}
