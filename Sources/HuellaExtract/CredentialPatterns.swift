import Foundation
import HuellaCore

/// Certifications and their issuers: "Certificación QuickBooks Online ProAdvisor (Intuit)",
/// "Google Workspace certified", "Xero Advisor · Xero", "Certified Virtual Assistant".
struct CredentialPatterns {
    private static let name = #"([\p{Lu}0-9][\p{L}0-9&+.'’/ -]{1,60}?)"#
    /// Each pattern with the lower-case fragments one of which it needs: the regexes run on
    /// the blocks that have one, and, where the window has a reach, only around the fragment.
    static let patterns: [(regex: NSRegularExpression?, window: KeywordWindow)] = [
        // A list line "Scrum Fundamentals Certified · SCRUMstudy · 2022".
        (Patterns.compile(
            #"(?m)^([^·\n]{3,80}?(?:Certified|Certification|Certificate|Certificaci[oó]n|Certificad[oa]|Professional|ProAdvisor|Advisor|Administrator|Specialist|Associate)[^·\n]{0,40}?)\s+·\s+([^·\n]{2,80}?)(?:\s+·\s+(?:[a-z]{3,10}\.? )?(?:19|20)\d{2})?\s*$"#,
            caseSensitive: true),
            // The line holds a keyword and the "·" between name and issuer.
            KeywordWindow(keywords: ["certif", "professional", "advisor", "administrator", "specialist", "associate"], also: ["·"])),
        (Patterns.compile(
            // Keywords in any case; the name must start with a capital or a digit.
            #"(?i:\b(?:certificaci[oó]n|certificad[oa]|certification in|certificate in|certified as an?|certified in)\s+(?:oficial\s+)?(?:en\s+|de\s+|como\s+)?)(?!por\b|by\b|from\b)"#
                + name
                + #"(?:\s*\(([^)\n]{2,40})\)|(?i:\s+(?:otorgad[ao]|emitid[ao]|expedid[ao]|issued|awarded)?\s*(?:por|by))\s+([\p{Lu}][\p{L}0-9&.' -]{1,30}?))?(?=\s*(?:[,.;·|\n)]|$|(?i:\bpor\b|\bby\b|\bfrom\b|\bemitid|\botorgad|\bexpedid|\bissued|\bque\b|\bwhich\b|\bthat\b)))"#,
            caseSensitive: true),
            // The match starts with its keyword; "certified as an oficial como " (23 after the
            // keyword), a name of up to 61, and "(issuer)" or "otorgado por issuer" (up to 45).
            KeywordWindow(keywords: ["certif"], before: 0, after: 160) { line, at in
                // The keyword is one of the pattern's own words, so it reads on as one of them
                // ("certified a" for "certified as an": ICU folds "ſ" to "s", lower case does not).
                certifiedContinuations.contains { line[(at + 6)...].starts(with: $0) }
            }),
        (Patterns.compile(
            name + #"\s+(?:certified|certification|certificate|certificad[oa])\b(?:\s*\(([^)\n]{2,40})\)|\s+(?:por|by)\s+([\p{Lu}][\p{L}&.' -]{1,30}?)(?=[,.;)\n]|$))?"#, caseSensitive: false),
            // A name of up to 61 characters and a space before the keyword, then "(issuer)" or
            // "by issuer" of up to ~45 after it.
            KeywordWindow(keywords: ["certified", "certification", "certificate", "certificad"], before: 64, after: 80)),
        (Patterns.compile(
            #"\b(Certified [\p{Lu}][\p{L}]+(?: [\p{Lu}][\p{L}]+){0,4})"#, caseSensitive: true), KeywordWindow(keywords: ["certified"])),
        (Patterns.compile(
            #"([\p{Lu}][\p{L}0-9&+.' -]{1,50}?(?=[PASE])(?:ProAdvisor|Advisor|Administrator|Specialist|Professional|Associate|Expert|Partner))\s*(?:·|\(|–|—|\bby\b|\bde\b|\bfrom\b)\s*([\p{Lu}][\p{L}0-9&.' -]{1,40}?)(?=\s*(?:\)|\n|$|[,.;·]))"#,
            caseSensitive: true),
            // A name of up to 51 characters ending in the keyword ("ProAdvisor" holds "advisor"
            // 3 in), then a separator and an issuer of up to 41. (`(?=[PASE])`: the names' first
            // letters, one test instead of eight at each step of the lazy name.)
            KeywordWindow(keywords: ["advisor", "administrator", "specialist", "professional", "associate", "expert", "partner"], before: 60, after: 60) {
                line, at in
                // The keyword ends the name; white space, then a separator: "·", "(", a dash
                // ("–", "—": past ASCII, as is any other white space ICU knows), "by", "de", "from".
                guard let word = titleWords.first(where: { line[at...].starts(with: $0) }) else { return false }
                var next = at + word.count
                while next < line.endIndex && ASCIIBytes.isSpace(line[next]) { next += 1 }
                guard next < line.endIndex else { return false }
                if line[next] >= 0x80 || line[next] == 0x28 { return true }
                return ["by", "de", "from"].contains { line[next...].starts(with: Array($0.utf8)) }
            }),
    ]

    /// How "certif" goes on in the "certified in" pattern's words (lower case).
    static let certifiedContinuations: [[UInt8]] = ["icaci", "icad", "ication in", "icate in", "ied a", "ied in"].map { Array($0.utf8) }
    /// The words that end a name before its issuer, as keywords (lower case).
    static let titleWords: [[UInt8]] = ["advisor", "administrator", "specialist", "professional", "associate", "expert", "partner"].map {
        Array($0.utf8)
    }

    /// Who issues well-known VA credentials, for claims that do not say.
    static let knownIssuers: [(String, String)] = [
        ("quickbooks", "Intuit"), ("proadvisor", "Intuit"), ("xero", "Xero"), ("hubspot", "HubSpot"),
        ("google", "Google"), ("microsoft", "Microsoft"), ("meta ", "Meta"), ("facebook", "Meta"),
        ("asana", "Asana"), ("salesforce", "Salesforce"), ("canva", "Canva"), ("shopify", "Shopify"),
        ("zapier", "Zapier"), ("mailchimp", "Intuit Mailchimp"), ("semrush", "Semrush"), ("clickup", "ClickUp"),
    ]
    private static let noise: Set<String> = ["i am", "i'm", "fully", "soy", "we are", "and", "y", "also", "the"]

    /// A credential whose keyword is part of its title: Cambridge's "First Certificate" (a
    /// level's word before "Certificate" names no exam), Spain's "Certificado de Profesionalidad
    /// en …" (the keyword and "de" are the title's first words).
    static func wholeTitle(_ name: String, in match: TextMatch, _ index: TextIndex) -> String {
        let matched = index.substring(match.range)
        if name.lowercased().hasPrefix("profesionalidad"), matched.range(of: "certificado de ", options: .caseInsensitive) != nil {
            return "Certificado de " + name
        }
        // The word written after the name, when the name ends with a level's word and it is capitalised.
        if let last = name.split(separator: " ").last, levelWords.contains(String(last)),
            let keyword = matched.range(of: name + " ").map({ matched[$0.upperBound...].prefix { $0.isLetter } }),
            keyword.first?.isUppercase == true
        {
            return name + " " + keyword
        }
        return name
    }
    /// Words that name a level of an exam, not the exam.
    private static let levelWords: Set<String> = ["First", "Advanced", "Proficiency", "Preliminary", "Key", "Foundation", "Intermediate"]

    func claims(in index: TextIndex) -> [Claim] {
        var claims: [Claim] = []
        var seen: Set<String> = []
        for (position, (regex, window)) in Self.patterns.enumerated() {
            for match in index.matches(regex, in: window) {
                guard var name = group(1, match, index) else { continue }
                // "… X certified": the regex may start early; the name is the capitalised run before "certified".
                name = position == 2 ? Self.trailingProperName(name) : Self.strip(name)
                name = Self.wholeTitle(name, in: match, index)
                guard name.count >= 3, !Self.noise.contains(name.lowercased()) else { continue }
                let stated = group(2, match, index) ?? group(3, match, index)
                let issuer = stated.map(Self.strip) ?? Self.issuer(for: name)
                guard seen.insert(Self.key(name, issuer: issuer)).inserted else { continue }
                claims.append(index.claim(.credential, .credential(Credential(name: name, issuer: issuer)), at: match.range))
            }
        }
        return Self.withoutFragments(claims + sectionClaims(in: index, skipping: seen))
    }

    /// The credentials, less those whose name is a run of another's words on the same line:
    /// "QuickBooks" and "Certified User" beside "QuickBooks Certified User" are pieces of it
    /// that shorter patterns found. Each line's credentials put their shorter runs of words in
    /// a set, and a credential that is one of them goes: a paragraph of 8,000 credentials is
    /// not 64 million comparisons.
    static func withoutFragments(_ claims: [Claim]) -> [Claim] {
        let words: [[String]] = claims.map { claim in
            if case .credential(let c) = claim.value { return PersonName(c.name).tokens }
            return []
        }
        func key<S: Sequence<String>>(_ run: S) -> String { run.joined(separator: "\u{1F}") }
        // Most credentials are alone on their line: nothing to compare.
        var perLine: [String: Int] = [:]
        for (claim, tokens) in zip(claims, words) where !tokens.isEmpty { perLine[claim.locator, default: 0] += 1 }
        var pieces: [String: Set<String>] = [:]  // by locator: every run of a credential's words shorter than its name
        for (claim, tokens) in zip(claims, words) where tokens.count > 1 && perLine[claim.locator, default: 0] > 1 {
            // In place: a copy of the line's set taken out and put back would be copied whole at each insert.
            for length in 1..<tokens.count {
                for start in 0...(tokens.count - length) { pieces[claim.locator, default: []].insert(key(tokens[start..<(start + length)])) }
            }
        }
        return claims.indices.filter { i in
            guard let runs = pieces[claims[i].locator], !words[i].isEmpty else { return true }
            return !runs.contains(key(words[i]))
        }.map { claims[$0] }
    }

    private static let heading = Patterns.compile(
        #"^(?:licenses (?:&|and) certifications|licencias y certificaciones|certifications|certificaciones|certificados|certificates|licencias|licenses)$"#)
    private static let anyHeading = Patterns.compile(
        #"^(?:experience|experiencia|education|educaci[oó]n|formaci[oó]n|languages|idiomas|skills|aptitudes|conocimientos|projects|proyectos|volunteer(?:ing| experience)?|voluntariado|recommendations|recomendaciones|courses|cursos|honors(?: & awards)?|reconocimientos y premios|publications|publicaciones|activity|actividad|about|acerca de|organizations|organizaciones)$"#)
    /// One `^` before both alternatives: ICU then tries the line's start alone, where `^A|^B`
    /// had it try every position.
    static let dateLine = Patterns.compile(
        #"^(?:(?:issued|expedici[oó]n|expedido|emitido|credential id|id de la credencial|show credential|mostrar credencial|see credential|ver credencial|expires|vencimiento)\b|(?:[a-z]{3,10}\.? )?(?:19|20)\d{2}$)"#)

    /// A "Licenses & certifications" section: each item is a name line, then the issuer line.
    private func sectionClaims(in index: TextIndex, skipping seen: Set<String>) -> [Claim] {
        var claims: [Claim] = []
        var seen = seen
        // Every heading of the section names licences or certifications.
        let candidates = index.blocksContaining(["licen", "certif"])
        var next = 0
        while next < candidates.count {
            let i = candidates[next]
            next += 1
            guard Self.isHeading(Self.heading, i, index) else { continue }
            // A section written as an HTML heading ends at the next heading of its rank or
            // above, whatever it says ("Pricing" after "Certifications" on a VA's site).
            // It also ends where the element holding the heading and its first line ends (a
            // LinkedIn section's <section>, not the page's footer after it).
            let rank = Self.headingRank(of: index.blocks[i].locator)
            let container = i + 1 < index.blocks.count ? Self.commonAncestor(index.blocks[i].locator, index.blocks[i + 1].locator) : nil
            var j = i + 1
            var items: [(name: TextBlock, rest: [String])] = []
            while j < index.blocks.count, !Self.isHeading(Self.anyHeading, j, index), !Self.isHeading(Self.heading, j, index) {
                let block = index.blocks[j]
                let locator = block.locator  // an XPath worked out by the document: read once
                if let rank, let other = Self.headingRank(of: locator), other <= rank { break }
                if let container, !locator.hasPrefix(container) { break }
                let item = Locator.item(of: locator)
                if let last = items.last, Locator.item(of: last.name.locator) == item, !item.isEmpty {
                    items[items.count - 1].rest.append(block.text)
                } else if !items.isEmpty, let issuer = Self.labelledIssuer(block.text) {
                    // "Provider: Intuit" under the name (Upwork) is its issuer, not a credential.
                    items[items.count - 1].rest.insert(issuer, at: 0)
                } else {
                    items.append((block, []))
                }
                j += 1
            }
            for (nameBlock, rest) in items {
                let name = Self.strip(nameBlock.text)
                guard name.count >= 3, name.count <= 100, !Self.whole(Self.dateLine, name) else { continue }
                let issuer = rest.first { !Self.whole(Self.dateLine, $0) && $0.count <= 60 } ?? Self.issuer(for: name)
                guard seen.insert(Self.key(name, issuer: issuer)).inserted else { continue }
                claims.append(
                    Claim(
                        kind: .credential, value: .credential(Credential(name: name, issuer: issuer)), origin: index.origin,
                        url: index.url, excerpt: ([nameBlock.text] + rest.prefix(1)).joined(separator: " · "),
                        locator: nameBlock.locator))
            }
            while next < candidates.count && candidates[next] < j { next += 1 }
        }
        return claims
    }

    /// The XPath of the nearest element holding both blocks, with a "/" after it
    /// (`/html/body/section[2]/`), from their locators; nil when it is the page's body or
    /// above, or a locator is not an XPath (a LinkedIn export's lines).
    static func commonAncestor(_ a: String, _ b: String) -> String? {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.first == 0x2F, y.first == 0x2F else { return nil }
        var common = 0
        while common < x.count, common < y.count, x[common] == y[common] { common += 1 }
        // Back to the end of a whole step: a "/" that follows it in both, or the end of one.
        var end = common
        while end > 0, !((end == x.count || x[end] == 0x2F) && (end == y.count || y[end] == 0x2F)) { end -= 1 }
        let prefix = String(decoding: x[..<end], as: UTF8.self)
        return prefix.isEmpty || prefix == "/html" || prefix == "/html/body" ? nil : prefix + "/"
    }

    /// What tells one credential from another on a page: its name's words, as a name's are
    /// compared, without the words every credential may carry ("certified", "certificación")
    /// and its issuer named at its end ("QuickBooks Online ProAdvisor (Intuit)" is "QuickBooks
    /// Online ProAdvisor"; "Xero Advisor Certification" is "Xero Advisor").
    static func key(_ name: String, issuer: String?) -> String {
        var words = PersonName(name).tokens.filter { !Credential.genericWords.contains($0) }
        let issuerWords = Set(issuer.map { PersonName($0).tokens } ?? [])
        while words.count > 1, let last = words.last, issuerWords.contains(last) { words.removeLast() }
        return words.joined(separator: " ")
    }

    /// The issuer a line names after its label ("Provider: Intuit", "Issued by Google Cloud",
    /// "Emitido por: SEPE"), or nil.
    static func labelledIssuer(_ line: String) -> String? {
        let lower = line.lowercased()
        for label in issuerLabels where lower.hasPrefix(label) {
            // The label is a word of its own: "Providers we work with" names none.
            guard let next = lower.dropFirst(label.count).first, next == ":" || next == " " else { continue }
            let rest = String(line.dropFirst(label.count)).trimming(" :")
            return rest.isEmpty || rest.count > 60 ? nil : rest
        }
        return nil
    }
    private static let issuerLabels = ["provider", "issued by", "issuer", "proveedor", "emitido por", "expedido por", "otorgado por"]

    /// 1 to 6 for a block that is an `h1`…`h6` element (its locator's last step), else nil.
    static func headingRank(of locator: String) -> Int? {
        let bytes = Array(locator.utf8)
        guard let slash = bytes.lastIndex(of: 0x2F), bytes.count >= slash + 3, bytes[slash + 1] == 0x68,  // "/h"
            (0x31...0x36).contains(bytes[slash + 2]), bytes.count == slash + 3 || bytes[slash + 3] == 0x5B  // a digit, then the end or "["
        else { return nil }
        return Int(bytes[slash + 2] - 0x30)
    }

    private static func whole(_ regex: NSRegularExpression?, _ text: String) -> Bool {
        let trimmed = text.trimmingSpaces()
        return regex?.firstMatch(in: trimmed) != nil
    }

    /// A section heading: a whole line of one of the heading patterns. Headings are short;
    /// a longer line is not one (a page has thousands of lines, few short ones).
    private static func isHeading(_ regex: NSRegularExpression?, _ block: Int, _ index: TextIndex) -> Bool {
        let text = index.blocks[block].text
        guard text.utf8.count <= 40 else { return false }
        // A page's line has no spaces at its ends, so the pattern reads it where it lies;
        // other text (a LinkedIn export's) is trimmed first. (An ASCII letter at an end is a
        // character of its own there, and no white space: the Character tests are spared.)
        let (first, last) = (text.utf8.first ?? 0x20, text.utf8.last ?? 0x20)
        let unspaced =
            first < 0x80 && last < 0x80 && !ASCIIBytes.isSpace(first) && !ASCIIBytes.isSpace(last)
            || text.first?.isWhitespace == false && text.last?.isWhitespace == false
        return unspaced ? index.firstMatch(regex, inBlock: block) != nil : whole(regex, text)
    }

    static func issuer(for name: String) -> String? {
        let lower = (name + " ").lowercasedUTF8
        // Most names hold none of the words: one pass rules them all out.
        guard issuerWords.occurs(in: lower) else { return nil }
        return knownIssuerBytes.first { TextIndex.contains(lower, $0.0) }?.1
    }

    private static let issuerWords = ASCIINeedles(knownIssuers.map(\.0))

    /// `knownIssuers` with their words as bytes, made once.
    private static let knownIssuerBytes = knownIssuers.map { (Array($0.0.utf8), $0.1) }

    /// Drops leading pronouns and trailing punctuation: "I am Google Workspace" → "Google Workspace".
    static func strip(_ text: String) -> String {
        var t = text.trimming(" .,;:·-–")
        for prefix in [
            "I am ", "I'm ", "Soy ", "Fully ", "a ", "an ", "la ", "el ", "Certificación ", "Certificacion ",
            "Certification ", "Certificado ", "Certificada ", "Certified in ",
        ] where t.hasPrefix(prefix) {
            t.removeFirst(prefix.count)
        }
        return t
    }

    /// The capitalised words at the end: "My clients love me. Google Workspace" → "Google Workspace".
    static func trailingProperName(_ text: String) -> String {
        var words: [Substring] = []
        for word in text.split(separator: " ").reversed() {
            let connector = ["&", "+", "of", "de", "-"].contains(word)
            guard connector || word.first?.isUppercase == true || word.first?.isNumber == true else { break }
            if word.hasSuffix(".") && !words.isEmpty { break }
            words.insert(word, at: 0)
        }
        while let first = words.first, ["&", "+", "of", "de", "-"].contains(first) { words.removeFirst() }
        return strip(words.joined(separator: " "))
    }

    private func group(_ n: Int, _ match: TextMatch, _ index: TextIndex) -> String? {
        guard match.numberOfRanges > n, match.range(at: n).location != NSNotFound else { return nil }
        let value = index.substring(match.range(at: n)).trimmingSpaces()
        return value.isEmpty ? nil : value
    }
}
