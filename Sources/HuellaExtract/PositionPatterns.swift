import Foundation
import HuellaCore

/// Dated positions in visible text: "Jan 2019 – Present", "ene. 2019 - actualidad",
/// "March 2017 - Present", "mar. 2015 – dic. 2018", "2016 – 2019". The title and the
/// organisation are read from the words before the dates or the lines above them.
struct PositionPatterns {
    static let months: [(String, Int)] = [
        ("january", 1), ("jan", 1), ("enero", 1), ("ene", 1), ("february", 2), ("feb", 2), ("febrero", 2),
        ("march", 3), ("mar", 3), ("marzo", 3), ("april", 4), ("apr", 4), ("abril", 4), ("abr", 4), ("may", 5),
        ("mayo", 5), ("june", 6), ("jun", 6), ("junio", 6), ("july", 7), ("jul", 7), ("julio", 7), ("august", 8),
        ("aug", 8), ("agosto", 8), ("ago", 8), ("september", 9), ("sept", 9), ("sep", 9), ("septiembre", 9),
        ("setiembre", 9), ("set", 9), ("october", 10), ("oct", 10), ("octubre", 10), ("november", 11), ("nov", 11),
        ("noviembre", 11), ("december", 12), ("dec", 12), ("diciembre", 12), ("dic", 12),
    ]
    private static let monthLookup = Dictionary(months, uniquingKeysWith: { a, _ in a })
    private static let month = "(" + Patterns.trie(months.map(\.0)) + ")"
    private static let present =
        "(present|current|now|today|actualidad|presente|la fecha|hoy|actual|ahora)"
    static let range = Patterns.compile(
        "(?:\\b" + month + "\\.?\\s+(?:de\\s+)?)?\\b((?:19|20)\\d{2})\\s*(?:–|-|—|to|a|hasta|until)\\s*(?:(?:\\b"
            + month + "\\.?\\s+(?:de\\s+)?)?((?:19|20)\\d{2})\\b|\\b" + present + "\\b)")
    /// A match holds its first year ("19…"/"20…") at most 15 characters from its start
    /// ("septiembre de ") and ends at most ~29 after the year's "19"/"20" (the year's other two
    /// digits, " hasta ", "septiembre de 2020", or "actualidad").
    /// The year that starts a match is followed by its other two digits, a space at most, and
    /// what joins the dates: a "19"/"20" that is not starts no window.
    static let rangeWindow = KeywordWindow(keywords: ["19", "20"], before: 20, after: 44) { line, at in
        var i = at + 2
        guard i + 1 < line.endIndex, (0x30...0x39).contains(line[i]), (0x30...0x39).contains(line[i + 1]) else { return false }
        i += 2
        if i < line.endIndex, line[i] == 0x20 { i += 1 }
        return joiners.contains { line[i...].starts(with: $0) }
    }
    private static let joiners = ["–", "-", "—", "to", "a", "hasta", "until"].map { Array($0.utf8) }
    /// Words that say the dates belong to a degree, a copyright line or a price, not a job.
    static let notAJob = Patterns.compile(
        #"©|copyright|derechos|\b(?:licenciatura|grado en|bachelor|master|máster|maestr[ií]a|mba|degree|university|universidad|instituto|college|school|escuela|bachillerato|doctorado|phd|diplomado|education|educaci[oó]n|formaci[oó]n)\b"#)

    /// Words one of which every match of `notAJob` holds (lower case).
    static let notAJobWords = [
        "©", "copyright", "derechos", "licenciatura", "grado en", "bachelor", "master", "máster", "maestr", "mba", "degree",
        "universi", "instituto", "college", "school", "escuela", "bachillerato", "doctorado", "phd", "diplomado", "education",
        "educaci", "formaci",
    ]

    func claims(in index: TextIndex) -> [Claim] {
        var claims: [Claim] = []
        var notAJob: [Int: Bool] = [:]  // by block: several dates share their lines
        let mayNotBeAJob = Set(index.blocksContaining(Self.notAJobWords))
        for match in index.matches(Self.range, in: Self.rangeWindow) {
            let block = index.blockIndex(at: match.range.location)
            // Dates in a degree or copyright context (this line or the two above) belong to
            // the education extractor. The words hold no line break, so each line is read alone.
            let context = [block, block - 1, block - 2].contains { line in
                if let known = notAJob[line] { return known }
                let found = mayNotBeAJob.contains(line) && index.firstMatch(Self.notAJob, inBlock: line) != nil
                notAJob[line] = found
                return found
            }
            if context { continue }
            guard let startYear = Int(index.substring(match.range(at: 2))) else { continue }
            let start = YearMonth(year: startYear, month: monthNumber(index.substring(match.range(at: 1))))
            let current = match.range(at: 5).location != NSNotFound
            let end = Int(index.substring(match.range(at: 4))).map {
                YearMonth(year: $0, month: monthNumber(index.substring(match.range(at: 3))))
            }
            if let end, end < start { continue }
            let (title, organization) = labels(before: match.range, in: index, block: block)
            let position = Position(title: title, organization: organization, start: start, end: end, current: current)
            claims.append(index.claim(.position, .position(position), at: match.range))
        }
        return claims
    }

    private func monthNumber(_ text: String) -> Int? {
        text.isEmpty ? nil : Self.monthLookup[text.lowercased()]
    }

    /// How far before its dates a line's "Title | Company" is looked for (UTF-16 units: a
    /// hundred characters and trimmed separators, with room to spare).
    static let prefixReach = 2_000

    /// "Executive Assistant | Acme, March 2017 – Present" gives both on one line; LinkedIn
    /// puts the title and the company on the two lines above the dates.
    private func labels(before range: NSRange, in index: TextIndex, block: Int) -> (String?, String?) {
        // The line's start: its block's when the block is one line (no search of the page's text).
        let from: Int
        if let line = index.lineRange(at: range.location) {
            from = line.location
        } else {
            let reach = max(0, range.location - Self.prefixReach - 1)
            let blockStart = index.text.range(of: "\n", options: .backwards, range: NSRange(location: reach, length: range.location - reach))
            from = blockStart.location == NSNotFound ? reach : blockStart.location + 1
        }
        // A title and company of up to 100 characters, written before the dates; a longer run of
        // text before them is prose (and a paragraph of a thousand dates is not read a thousand
        // times over from its start).
        let prefix =
            range.location - from > Self.prefixReach
            ? "" : index.substring(NSRange(location: from, length: range.location - from)).trimming(" ,·|–-—:()")
        if !prefix.isEmpty && prefix.count <= 100 {
            for separator in [" | ", " at ", " en ", " @ ", ", ", " · ", " - "] {
                let parts = prefix.components(separatedBy: separator)
                if parts.count >= 2 {
                    return (clean(parts[0]), clean(parts.dropFirst().joined(separator: separator)))
                }
            }
            return (clean(prefix), clean(index.blockText(block - 1)))
        }
        let above = clean(index.blockText(block - 1))
        let twoAbove = clean(index.blockText(block - 2))
        // "Title · Company" or "Title | Company" on the line above, under a section heading or
        // another job's description ("Trayectoria", "Employment history"). Under a title, the
        // line is the company's ("Rose City Law Group · Portland"), and LinkedIn's
        // "Company · Full-time" is the company alone.
        if let above, let (left, right) = Self.split(above) {
            guard let twoAbove, !Self.isSectionHeading(twoAbove), !Self.isProse(twoAbove) else { return (left, right) }
            return (twoAbove, Self.employmentTypes.contains(right.lowercased()) ? left : above)
        }
        if let above, let twoAbove { return (twoAbove, above) }
        return (above, nil)
    }

    /// A line cut at its first " · " or " | " into two non-empty parts.
    private static func split(_ line: String) -> (String, String)? {
        for separator in [" · ", " | "] {
            guard let cut = line.utf8Range(of: separator) else { continue }
            let (left, right) = (String(line[..<cut.lowerBound]).trimmingSpaces(), String(line[cut.upperBound...]).trimmingSpaces())
            return left.isEmpty || right.isEmpty ? nil : (left, right)
        }
        return nil
    }

    /// The kinds of employment LinkedIn writes after the company.
    private static let employmentTypes: Set<String> = [
        "full-time", "part-time", "self-employed", "freelance", "contract", "internship", "apprenticeship", "seasonal",
        "jornada completa", "media jornada", "jornada parcial", "autónomo", "autónoma", "contrato por obra", "prácticas", "temporal",
    ]

    /// A sentence rather than a title: it ends with a full stop, holds a semicolon, or has
    /// more than eight words.
    private static func isProse(_ line: String) -> Bool {
        line.hasSuffix(".") || line.contains(";") || line.split(separator: " ").count > 8
    }

    /// Headings of a list of jobs.
    private static func isSectionHeading(_ line: String) -> Bool {
        sectionHeadings.contains(Folding.fold(line))
    }
    private static let sectionHeadings: Set<String> = [
        "experience", "work experience", "professional experience", "employment history", "work history", "career", "experiencia",
        "experiencia laboral", "experiencia profesional", "trayectoria", "trayectoria profesional", "historial laboral",
    ]

    private func clean(_ text: String) -> String? {
        let trimmed = text.trimming(" ,·|–-—:()\t")
        return trimmed.isEmpty || trimmed.count > 100 ? nil : trimmed
    }
}
