import Foundation
import HuellaCore

/// Unverifiable superlatives and guarantees, and the copyright year of the site.
struct AdvertisingPatterns {
    static let superlative = Patterns.compile(
        #"(?<![\p{L}])(the best|#\s?1|number one|no\.\s?1|top[- ]rated|world[- ]class|best[- ]in[- ]class|unbeatable|unmatched|award[- ]winning|top\s+\d{1,2}\s?%|l[ao]s? mejor(?:es)?|n[uú]mero (?:1|uno)|n[oº°]\.?\s?1(?= (?:en|de|del|in) )|de clase mundial|insuperable|inigualable|premiad[ao]|l[ií]der(?:es)? en)(?![\p{L}])"#)
    static let guarantee = Patterns.compile(
        #"(?<![\p{L}])(guarantee[ds]?|100\s?%\s+(?:satisfaction|accuracy|error[- ]free|guaranteed)|risk[- ]free|money[- ]back|garantizad[ao]s?|garant[ií]a (?:total|de resultados|de satisfacci[oó]n)|100\s?%\s+(?:garantizad[ao]|de satisfacci[oó]n|efectiv[ao])|sin riesgo|devoluci[oó]n del dinero)(?![\p{L}])"#)
    static let copyright = Patterns.compile(
        #"(?:©|\(c\)|copyright|derechos reservados)\s*(?:((?:19|20)\d{2})\s*[-–—]\s*)?((?:19|20)\d{2})"#)

    /// A superlative holds one of these words, starting at most 4 characters before it ("the
    /// best", "los mejores") and ending at most 9 after it ("best-in-class").
    static let superlativeWindow = KeywordWindow(
        keywords: [
            "best", "#", "number one", "no.", "top", "world", "class", "unbeat", "unmatch", "award", "mejor", "número", "numero",
            "nº", "no.", "no 1", "no1", "n°", "clase", "insuperable", "inigualable", "premiad", "líder", "lider",
        ], before: 8, after: 16)
    /// A guarantee holds one of these, starting at most 4 before it ("sin riesgo") and ending
    /// at most 18 after it ("100 % de satisfacción", "garantía de satisfacción").
    static let guaranteeWindow = KeywordWindow(
        keywords: ["guarant", "100", "risk", "money", "garant", "riesgo", "devoluci"], before: 8, after: 24)
    /// The copyright mark starts the match, two years end it ("derechos reservados 2019 – 2024").
    static let copyrightWindow = KeywordWindow(keywords: ["©", "(c)", "copyright", "derechos"], before: 0, after: 32)

    func claims(in index: TextIndex) -> [Claim] {
        var claims: [Claim] = []
        for (kind, regex, window) in [
            (ClaimKind.superlative, Self.superlative, Self.superlativeWindow), (.guarantee, Self.guarantee, Self.guaranteeWindow),
        ] {
            // Words of one phrase are one claim ("money-back guarantee", "100% satisfaction
            // guaranteed"): a match right after the last one, past spaces or hyphens, joins it.
            var last: (range: NSRange, claim: Int)?
            for match in index.matches(regex, in: window) {
                // "I can't guarantee rankings", "results are not guaranteed": no promise.
                if kind == .guarantee, let word = index.wordBefore(match.range, skipping: Self.auxiliaries), Self.negations.contains(word) {
                    last = nil
                    continue
                }
                var range = match.range
                if let (previous, at) = last, Self.follows(range, previous, in: index) {
                    range = NSRange(location: previous.location, length: range.location + range.length - previous.location)
                    claims[at] = index.claim(kind, .text(index.substring(range).lowercased()), at: range)
                    last = (range, at)
                    continue
                }
                let words = index.substring(match.range(at: 1)).lowercased()
                claims.append(index.claim(kind, .text(words), at: match.range))
                last = (match.range, claims.count - 1)
            }
        }
        let latest = index.matches(Self.copyright, in: Self.copyrightWindow).compactMap { match -> (Int, NSRange)? in
            Int(index.substring(match.range(at: 2))).map { ($0, match.range) }
        }.filter { $0.0 <= Patterns.currentYear + 1 }.max { $0.0 < $1.0 }
        if let (year, range) = latest { claims.append(index.claim(.copyrightYear, .number(year), at: range)) }
        return claims
    }

    /// Words that deny the guarantee after them.
    static let negations: Set<String> = [
        "no", "not", "never", "cannot", "can't", "cant", "don't", "dont", "won't", "doesn't", "nor", "without",
        "nunca", "ni", "sin", "jamás",
    ]
    /// Words that may stand between a negation and its guarantee ("cannot be guaranteed",
    /// "not always guaranteed", "without a guarantee", "no está garantizado").
    static let auxiliaries: Set<String> = ["be", "is", "are", "was", "been", "always", "any", "a", "está", "están", "es", "son", "estar", "ser"]

    /// Whether a match starts at most two spaces or hyphens after the previous one ends.
    static func follows(_ range: NSRange, _ previous: NSRange, in index: TextIndex) -> Bool {
        let gap = range.location - (previous.location + previous.length)
        guard (0...2).contains(gap) else { return false }
        return index.substring(NSRange(location: range.location - gap, length: gap)).allSatisfy { $0 == " " || $0 == "-" }
    }
}

extension TextIndex {
    /// The words (letters and apostrophes, lower case) next to a range on its line: up to
    /// `before` words before it and `after` after it, within 40 characters either side and not
    /// past its block (a range across blocks is cut from the page-wide string, a dearer copy).
    func words(around range: NSRange, before: Int, after: Int) -> (before: [String], after: [String]) {
        let start = range.location
        let from = max(0, start - 40, blockStart(at: start))
        let end = range.location + range.length
        let to = min(end + 40, blockEnd(at: start))
        let head = substring(NSRange(location: from, length: start - from)).split(separator: "\n", omittingEmptySubsequences: false).last ?? ""
        let tail = after > 0 && to > end ? substring(NSRange(location: end, length: to - end)).split(separator: "\n", omittingEmptySubsequences: false).first ?? "" : ""
        return (Array(Self.lowerWords(head).suffix(before)), Array(Self.lowerWords(tail).prefix(after)))
    }

    /// The nearest word before a range on its line (letters and apostrophes, lower case, "’"
    /// as "'"), past the words `skipping` holds; nil when none is within 40 characters.
    func wordBefore(_ range: NSRange, skipping: Set<String>) -> String? {
        words(around: range, before: .max, after: 0).before.last { !skipping.contains($0) }
    }

    /// The words of a text in lower case: runs of letters and apostrophes, "’" written "'".
    static func lowerWords<S: StringProtocol>(_ text: S) -> [String] {
        if let words = latinLowerWords(text) { return words }
        return text.lowercased().split { !$0.isLetter && $0 != "'" && $0 != "’" }.map { word in
            word.contains("’" as Character) ? String(word.map { $0 == "’" ? "'" : $0 }) : String(word)
        }
    }

    /// `lowerWords` of a text of Latin-1 and "’" alone, read on its UTF-8 bytes; nil for any
    /// other text. In Latin-1 every scalar is a character of its own (no combining marks; a
    /// CR LF pair is one, of two separators), its letters are A–Z, a–z, ª, µ, º and À–ÿ but ×
    /// and ÷, and lowering moves A–Z and À–Þ (but ×) up by 0x20 and leaves the rest.
    static func latinLowerWords<S: StringProtocol>(_ text: S) -> [String]? {
        var words: [String] = []
        var word: [UInt8] = []
        var latin = true
        text.utf8.withContiguousStorageIfAvailable { bytes in
            var i = 0
            func close() {
                if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
                word.removeAll(keepingCapacity: true)
            }
            while i < bytes.count {
                let byte = bytes[i]
                if byte < 0x80 {
                    switch byte {
                    case 0x41...0x5A: word.append(byte | 0x20)
                    case 0x61...0x7A, 0x27: word.append(byte)
                    default: close()
                    }
                    i += 1
                } else if (byte == 0xC2 || byte == 0xC3) && i + 1 < bytes.count {
                    let scalar = (UInt32(byte & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F)
                    switch scalar {
                    case 0xAA, 0xB5, 0xBA, 0xDF...0xF6, 0xF8...0xFF: word.append(contentsOf: [byte, bytes[i + 1]])
                    case 0xC0...0xD6, 0xD8...0xDE: word.append(contentsOf: [0xC3, bytes[i + 1] | 0x20])
                    default: close()
                    }
                    i += 2
                } else if byte == 0xE2 && i + 2 < bytes.count && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x99 {  // ’
                    word.append(0x27)
                    i += 3
                } else {
                    latin = false
                    return
                }
            }
            close()
        } ?? { latin = false }()
        return latin ? words : nil
    }
}

/// Mentions of a written contract and of confidentiality in visible text.
struct TermsPatterns {
    static let contract = Patterns.compile(
        #"(?<![\p{L}])(contracts?|service agreements?|engagement letters?|statements? of work|contrato(?:s)?(?: de prestaci[oó]n de servicios)?|acuerdo de servicios)(?![\p{L}])"#)
    static let confidentiality = Patterns.compile(
        #"(?<![\p{L}])(confidential(?:ity)?|confidencial(?:idad)?|non[- ]disclosure|NDAs?|secreto profesional)(?![\p{L}])"#)

    /// A mention holds one of these words, starting at most 8 characters before it ("service
    /// agreement") and ending at most 28 after it ("contrato de prestación de servicios").
    static let contractWindow = KeywordWindow(
        keywords: ["contract", "agreement", "engagement", "statement", "contrato", "acuerdo"], before: 8, after: 32)
    /// At most 4 before ("non-disclosure"), 12 after ("secreto profesional").
    static let confidentialityWindow = KeywordWindow(keywords: ["confiden", "disclosure", "nda", "secreto"], before: 8, after: 16)

    func claims(in index: TextIndex) -> [Claim] {
        var claims: [Claim] = []
        for (kind, regex, window) in [
            (ClaimKind.contract, Self.contract, Self.contractWindow), (.confidentiality, Self.confidentiality, Self.confidentialityWindow),
        ] {
            // One claim of each kind is enough: the first mention, as evidence.
            let stated = index.matches(regex, in: window).first { match in
                kind != .contract || (Self.isCommitment(match, in: index) && !Self.isDoneWithout(match, in: index))
            }
            if let match = stated {
                claims.append(index.claim(kind, .text(index.substring(match.range(at: 1)).lowercased()), at: match.range))
            }
        }
        return claims
    }

    /// Whether a mention states a contract with clients. The agreements' names do ("service
    /// agreement", "contrato de prestación de servicios"); a bare "contract" does when a word
    /// near it says it is written or signed ("a signed contract", "contrato firmado", "firmamos
    /// un contrato", "a contract, which every client signs"), or, in the singular, when it is had ("a contract", "con contrato", "under
    /// contract"). A service in a list ("Contracts, welcome packs and CRM set-up"), an old
    /// job's "vendor contracts" or "open to contract-to-hire" state none.
    static func isCommitment(_ match: TextMatch, in index: TextIndex) -> Bool {
        let word = index.substring(match.range(at: 1)).lowercased()
        guard bareWords.contains(word) else { return true }
        let (before, after) = index.words(around: match.range, before: 3, after: 4)
        if after.first.map(contractServices.contains) == true { return false }
        if !contractSigns.isDisjoint(with: before) || !contractSigns.isDisjoint(with: after) { return true }
        return (word == "contract" || word == "contrato") && after.first != "to" && before.last.map(contractHolders.contains) == true
    }
    private static let bareWords: Set<String> = ["contract", "contracts", "contrato", "contratos"]
    private static let contractSigns: Set<String> = [
        "written", "signed", "sign", "signs", "signing", "formal", "binding", "escrito", "firmado", "firmados", "firmamos", "firmo",
        "firma", "firman", "firmar", "formalizamos", "formalizo",
    ]
    private static let contractHolders: Set<String> = ["a", "an", "our", "my", "under", "with", "un", "con", "bajo", "mediante", "mi", "nuestro"]
    /// Words after "contract" that make it a service or a kind of work ("contract management",
    /// "a contract role", "on a contract basis"), not a contract with clients.
    private static let contractServices: Set<String> = [
        "management", "drafting", "templates", "template", "review", "administration", "admin", "renewals", "renewal", "basis", "role",
        "roles", "position", "positions", "work", "job", "jobs",
    ]

    /// Whether a contract is one the page says it does without: "No long-term contracts",
    /// "no lock-in contracts", "No need to sign a contract", "sin contratos de permanencia",
    /// "sin necesidad de firmar contrato" (marketing for flexible plans, no statement of a
    /// written contract). The nearest word before it, past words that only qualify or sign a
    /// contract, is "no", "zero", "sin" or "ni"; "never start without a contract" is a contract.
    static func isDoneWithout(_ match: TextMatch, in index: TextIndex) -> Bool {
        index.wordBefore(match.range, skipping: contractQualifiers).map { negations.contains($0) } ?? false
    }
    private static let contractQualifiers: Set<String> = [
        "long", "term", "lock", "in", "minimum", "annual", "yearly", "binding", "fixed", "lengthy", "restrictive", "a", "an", "any",
        "to", "need", "sign", "signed", "signing", "written", "de", "necesidad", "firmar", "firmado", "firmados", "un", "ningún",
    ]
    private static let negations: Set<String> = ["no", "zero", "sin", "ni"]
}

/// Parked, for-sale and placeholder pages: the site is not really a VA's site.
struct PlaceholderPatterns {
    private static let parked = Patterns.compile(
        #"(this domain (?:is|may be) for sale|buy this domain|domain parking|parked (?:free|domain)|este dominio est[aá] a la venta|sedoparking|hugedomains|lorem ipsum dolor|your name here|tu nombre aqu[ií])"#)
    /// Only a near-empty page that says this is a placeholder; a real site may announce a course "coming soon".
    private static let unfinished = Patterns.compile(
        #"(sitio en construcci[oó]n|under construction|coming soon|pr[oó]ximamente|website is being built)"#)

    func claims(in index: TextIndex) -> [Claim] {
        var matches = index.matches(
            Self.parked, keywords: ["sale", "venta", "domain", "parking", "sedo", "hugedomains", "lorem", "name here", "nombre aqu"])
        if matches.isEmpty && index.length < 400 { matches = index.matches(Self.unfinished) }
        guard let match = matches.first else { return [] }
        return [index.claim(.parked, .text(index.substring(match.range(at: 1)).lowercased()), at: match.range)]
    }
}
