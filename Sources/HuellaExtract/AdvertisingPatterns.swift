import Foundation
import HuellaCore

/// Unverifiable superlatives and guarantees, and the copyright year of the site.
struct AdvertisingPatterns {
    private static let superlative = Patterns.compile(
        #"(?<![\p{L}])(the best|#\s?1|number one|no\.\s?1|top[- ]rated|world[- ]class|best[- ]in[- ]class|unbeatable|unmatched|award[- ]winning|top\s+\d{1,2}\s?%|l[ao]s? mejor(?:es)?|n[uú]mero (?:1|uno)|n[oº°]\.?\s?1(?= (?:en|de|del|in) )|de clase mundial|insuperable|inigualable|premiad[ao]|l[ií]der(?:es)? en)(?![\p{L}])"#)
    private static let guarantee = Patterns.compile(
        #"(?<![\p{L}])(guarantee[ds]?|100\s?%\s+(?:satisfaction|accuracy|error[- ]free|guaranteed)|risk[- ]free|money[- ]back|garantizad[ao]s?|garant[ií]a (?:total|de resultados|de satisfacci[oó]n)|100\s?%\s+(?:garantizad[ao]|de satisfacci[oó]n|efectiv[ao])|sin riesgo|devoluci[oó]n del dinero)(?![\p{L}])"#)
    private static let copyright = Patterns.compile(
        #"(?:©|\(c\)|copyright|derechos reservados)\s*(?:((?:19|20)\d{2})\s*[-–—]\s*)?((?:19|20)\d{2})"#)

    static let superlativeKeywords = [
        "best", "#", "number one", "no.", "top", "world", "class", "unbeat", "unmatch", "award", "mejor", "número", "numero",
        "nº", "no.", "n°", "clase", "insuperable", "inigualable", "premiad", "líder", "lider",
    ]
    static let guaranteeKeywords = ["guarant", "100", "risk", "money", "garant", "riesgo", "devoluci"]

    func claims(in index: TextIndex) -> [Claim] {
        var claims: [Claim] = []
        for (kind, regex, keywords) in [
            (ClaimKind.superlative, Self.superlative, Self.superlativeKeywords), (.guarantee, Self.guarantee, Self.guaranteeKeywords),
        ] {
            for match in index.matches(regex, keywords: keywords) {
                let words = index.substring(match.range(at: 1)).lowercased()
                claims.append(index.claim(kind, .text(words), at: match.range))
            }
        }
        let latest = index.matches(Self.copyright, keywords: ["©", "(c)", "copyright", "derechos"]).compactMap { match -> (Int, NSRange)? in
            Int(index.substring(match.range(at: 2))).map { ($0, match.range) }
        }.filter { $0.0 <= Patterns.currentYear + 1 }.max { $0.0 < $1.0 }
        if let (year, range) = latest { claims.append(index.claim(.copyrightYear, .number(year), at: range)) }
        return claims
    }
}

/// Mentions of a written contract and of confidentiality in visible text.
struct TermsPatterns {
    private static let contract = Patterns.compile(
        #"(?<![\p{L}])(contracts?|service agreements?|engagement letters?|statements? of work|contrato(?:s)?(?: de prestaci[oó]n de servicios)?|acuerdo de servicios)(?![\p{L}])"#)
    private static let confidentiality = Patterns.compile(
        #"(?<![\p{L}])(confidential(?:ity)?|confidencial(?:idad)?|non[- ]disclosure|NDAs?|secreto profesional)(?![\p{L}])"#)

    func claims(in index: TextIndex) -> [Claim] {
        var claims: [Claim] = []
        for (kind, regex, keywords) in [
            (ClaimKind.contract, Self.contract, ["contract", "agreement", "engagement", "statement", "contrato", "acuerdo"]),
            (.confidentiality, Self.confidentiality, ["confiden", "disclosure", "nda", "secreto"]),
        ] {
            // One claim of each kind is enough: the first mention, as evidence.
            if let match = index.matches(regex, keywords: keywords).first {
                claims.append(index.claim(kind, .text(index.substring(match.range(at: 1)).lowercased()), at: match.range))
            }
        }
        return claims
    }
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
