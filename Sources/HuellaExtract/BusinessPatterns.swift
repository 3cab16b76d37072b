import Foundation
import HuellaCore

/// Business identity: legal form and tax or registry ids, the ids checked by their check
/// digit where they have one (Spanish NIF, NIE and CIF) or by their format (Mexican RFC).
struct BusinessPatterns {
    static let legalForm = Patterns.compile(
        #"(?<![\p{L}])(S\.L\.U\.|S\.L\.U|S\.L\.|SLU|S\.A\. de C\.V\.|S\. de R\.L\.(?: de C\.V\.)?|S\.A\.S\.|S\.A\.|E\.I\.R\.L\.|Pty Ltd|Ltd\.?|LLC|L\.L\.C\.|Inc\.)(?![\p{L}])"#,
        caseSensitive: true)
    static let legalFormWords = Patterns.compile(
        #"\b(persona f[ií]sica con actividad empresarial|aut[oó]nom[oa]|sole trader|sole proprietor(?:ship)?|monotributista|RESICO|limited company)\b"#)
    private static let spanishID = Patterns.compile(
        #"(?<![A-Z0-9])(?:ES[ -]?)?([0-9]{8}[ -]?[A-Z]|[XYZ][ -]?[0-9]{7}[ -]?[A-Z]|[ABCDEFGHJNPQRSUVW][ -]?[0-9]{7}[ -]?[0-9A-J])(?![A-Z0-9])"#,
        caseSensitive: true)
    private static let mexicanRFC = Patterns.compile(#"(?<![A-Z0-9])([A-ZÑ&]{3,4}[0-9]{6}[A-Z0-9]{3})(?![A-Z0-9])"#, caseSensitive: true)
    private static let ukCompany = Patterns.compile(
        #"\bcompany (?:number|no\.?|registration number|reg\.? no\.?)[:\s]*((?:SC|NI|OC)?[0-9]{6,8})\b"#)

    /// A legal form starts with one of these and ends at most 31 characters after it
    /// ("S. de R.L. de C.V."); the words, at most 31 after theirs ("persona física con
    /// actividad empresarial"). Neither starts right after a letter (the abbreviations' `(?<!\p{L})`,
    /// the words' `\b`): the "sl" of "translation" and the "pty" of "empty" open no window.
    static let formWindow = KeywordWindow(
        keywords: ["s.l", "sl", "s.a", "s. de", "ltd", "llc", "l.l.c", "inc.", "pty", "e.i.r.l"], before: 0, after: 40,
        holds: startsAfterNoLetter)
    static let formWordsWindow = KeywordWindow(
        keywords: ["persona f", "autónom", "autonom", "sole ", "monotribut", "resico", "limited"], before: 0, after: 40,
        holds: startsAfterNoLetter)
    /// Whether the byte before a keyword in a lowered line is not an ASCII letter (a byte past
    /// ASCII may end a letter: such a keyword keeps its window).
    @Sendable static func startsAfterNoLetter(_ line: ArraySlice<UInt8>, _ at: Int) -> Bool {
        at == line.startIndex || !(0x61...0x7A).contains(line[at - 1])
    }
    /// Ids have runs of digits: a block without six digits in a row holds none.
    static func hasDigitRun(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var run = 0
        for byte in bytes {
            run = byte &- 0x30 < 10 ? run + 1 : 0
            if run >= 6 { return true }
        }
        return false
    }

    /// Whether "autónoma" is a word of a name, not a legal form: after the noun of a
    /// university, region or city ("Universidad Autónoma de Madrid", "Universidad Nacional
    /// Autónoma de México", "la comunidad autónoma"), or capitalised before "de" and a capital
    /// ("estudié en la Autónoma de Barcelona").
    /// After a word of a trade, a capitalised "Autónoma de" is the VA's standing where they work
    /// ("Asistente Virtual Autónoma de Valencia"), not a place.
    static func namesAPlace(_ word: String, at range: NSRange, in index: TextIndex) -> Bool {
        guard word.lowercased().hasPrefix("aut") else { return false }
        let before = index.wordBefore(range, skipping: [])
        if let before, placeNouns.contains(before) { return true }
        guard word.first?.isUppercase == true, !(before.map(tradeWords.contains) ?? false) else { return false }
        let end = range.location + range.length
        let after = index.substring(NSRange(location: end, length: min(24, index.length - end))).prefix { $0 != "\n" }
        guard after.hasPrefix(" de "), let next = after.dropFirst(4).first else { return false }
        return next.isUppercase
    }
    private static let tradeWords: Set<String> = [
        "virtual", "asistente", "secretaria", "administrativa", "contable", "freelance", "profesional", "traductora", "diseñadora",
        "gestora", "consultora", "redactora", "manager", "recepcionista", "trabajadora",
    ]
    private static let placeNouns: Set<String> = [
        "universidad", "universitat", "universidade", "nacional", "comunidad", "ciudad", "región", "region", "provincia",
        "metropolitana", "facultad", "escuela", "república", "republica", "entidad", "zona", "institución", "institucion",
    ]

    func claims(in index: TextIndex) -> (claims: [Claim], diagnostics: [Diagnostic]) {
        var claims: [Claim] = []
        var diagnostics: [Diagnostic] = []
        var seen: Set<String> = []
        for (regex, window) in [(Self.legalForm, Self.formWindow), (Self.legalFormWords, Self.formWordsWindow)] {
            for match in index.matches(regex, in: window) {
                var form = index.substring(match.range(at: 1))
                if regex === Self.legalFormWords, Self.namesAPlace(form, at: match.range, in: index) { continue }
                // "Ltd." at the end of a sentence is "Ltd"; "S.L." keeps its dots.
                if form.hasSuffix("."), form.dropLast().firstIndex(of: ".") == nil { form.removeLast() }
                // Every mention: one in a former employer's name is dropped later
                // (`PageExtractor.withoutFormerEmployersForms`), and the page's claims deduplicated.
                claims.append(index.claim(.legalForm, .text(form), at: match.range))
            }
        }
        let withDigits = index.blocks(where: Self.hasDigitRun)
        for match in index.matches(Self.spanishID, inBlocks: withDigits) {
            let id = Self.compact(index.substring(match.range(at: 1)))
            guard seen.insert(id).inserted else { continue }
            if Self.isValidSpanishID(id) {
                claims.append(index.claim(.taxID, .text(id), at: match.range))
            } else if id.first?.isNumber == true || "XYZ".contains(id.first ?? " ") {
                diagnostics.append(
                    Diagnostic(
                        level: .note, location: "\(index.url) \(index.locator(at: match.range.location))",
                        message: "'\(id)' looks like a Spanish NIF/NIE but its check letter is wrong"))
            }
        }
        for match in index.matches(Self.mexicanRFC, inBlocks: withDigits) {
            let id = index.substring(match.range(at: 1))
            if Self.isPlausibleRFC(id), seen.insert(id).inserted {
                claims.append(index.claim(.taxID, .text(id), at: match.range))
            }
        }
        for match in index.matches(Self.ukCompany, keywords: ["company"]) {
            let id = index.substring(match.range(at: 1))
            if seen.insert(id).inserted { claims.append(index.claim(.taxID, .text(id), at: match.range)) }
        }
        return (claims, diagnostics)
    }

    static func compact(_ text: String) -> String {
        text.filter { $0 != " " && $0 != "-" }
    }

    /// NIF (8 digits + letter), NIE (X/Y/Z + 7 digits + letter) and CIF (letter + 7 digits + control).
    static func isValidSpanishID(_ id: String) -> Bool {
        let letters = Array("TRWAGMYFPDXBNJZSQVHLCKE")
        let chars = Array(id)
        guard chars.count == 9 else { return false }
        if chars[0].isNumber || "XYZ".contains(chars[0]) {
            let prefix = ["X": "0", "Y": "1", "Z": "2"][String(chars[0])] ?? String(chars[0])
            guard let number = Int(prefix + String(chars[1..<8])) else { return false }
            return letters[number % 23] == chars[8]
        }
        // CIF: sum of even-position digits plus the digit sums of doubled odd-position digits.
        let digits = chars[1..<8].compactMap { $0.wholeNumberValue }
        guard digits.count == 7 else { return false }
        var sum = 0
        for (i, d) in digits.enumerated() {
            if i % 2 == 0 {
                let doubled = d * 2
                sum += doubled / 10 + doubled % 10
            } else {
                sum += d
            }
        }
        let control = (10 - sum % 10) % 10
        let controlLetter = Array("JABCDEFGHI")[control]
        let last = chars[8]
        switch chars[0] {
        case "P", "Q", "R", "S", "N", "W": return last == controlLetter
        case "A", "B", "E", "H": return last.wholeNumberValue == control
        default: return last.wholeNumberValue == control || last == controlLetter
        }
    }

    /// An RFC's six digits are a date (YYMMDD).
    static func isPlausibleRFC(_ id: String) -> Bool {
        let chars = Array(id)
        let letters = chars.count == 13 ? 4 : 3
        guard chars.count == letters + 9, let month = Int(String(chars[(letters + 2)..<(letters + 4)])),
            let day = Int(String(chars[(letters + 4)..<(letters + 6)]))
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}
