import Foundation
import HuellaCore

/// Certifications and their issuers: "Certificación QuickBooks Online ProAdvisor (Intuit)",
/// "Google Workspace certified", "Xero Advisor · Xero", "Certified Virtual Assistant".
struct CredentialPatterns {
    private static let name = #"([\p{Lu}0-9][\p{L}0-9&+.'’/ -]{1,60}?)"#
    private static let patterns: [NSRegularExpression?] = [
        // A list line "Scrum Fundamentals Certified · SCRUMstudy · 2022".
        Patterns.compile(
            #"(?m)^([^·\n]{3,80}?(?:Certified|Certification|Certificate|Certificaci[oó]n|Certificad[oa]|Professional|ProAdvisor|Advisor|Administrator|Specialist|Associate)[^·\n]{0,40}?)\s+·\s+([^·\n]{2,80}?)(?:\s+·\s+(?:[a-z]{3,10}\.? )?(?:19|20)\d{2})?\s*$"#,
            caseSensitive: true),
        Patterns.compile(
            // Keywords in any case; the name must start with a capital or a digit.
            #"(?i:\b(?:certificaci[oó]n|certificad[oa]|certification in|certificate in|certified as an?|certified in)\s+(?:oficial\s+)?(?:en\s+|de\s+|como\s+)?)(?!por\b|by\b|from\b)"#
                + name
                + #"(?:\s*\(([^)\n]{2,40})\)|(?i:\s+(?:otorgad[ao]|emitid[ao]|expedid[ao]|issued|awarded)?\s*(?:por|by))\s+([\p{Lu}][\p{L}0-9&.' -]{1,30}?))?(?=\s*(?:[,.;·|\n)]|$|(?i:\bpor\b|\bby\b|\bfrom\b|\bemitid|\botorgad|\bexpedid|\bissued|\bque\b|\bwhich\b|\bthat\b)))"#,
            caseSensitive: true),
        Patterns.compile(
            name + #"\s+(?:certified|certification|certificate|certificad[oa])\b(?:\s*\(([^)\n]{2,40})\)|\s+(?:por|by)\s+([\p{Lu}][\p{L}&.' -]{1,30}?)(?=[,.;)\n]|$))?"#, caseSensitive: false),
        Patterns.compile(
            #"\b(Certified [\p{Lu}][\p{L}]+(?: [\p{Lu}][\p{L}]+){0,4})"#, caseSensitive: true),
        Patterns.compile(
            #"([\p{Lu}][\p{L}0-9&+.' -]{1,50}?(?:ProAdvisor|Advisor|Administrator|Specialist|Professional|Associate|Expert|Partner))\s*(?:·|\(|–|—|\bby\b|\bde\b|\bfrom\b)\s*([\p{Lu}][\p{L}0-9&.' -]{1,40}?)(?=\s*(?:\)|\n|$|[,.;·]))"#,
            caseSensitive: true),
    ]
    /// Lower-case fragments one of which every credential pattern needs.
    static let keywords = [
        "certif", "advisor", "administrator", "specialist", "professional", "associate", "expert", "partner",
    ]

    /// Who issues well-known VA credentials, for claims that do not say.
    static let knownIssuers: [(String, String)] = [
        ("quickbooks", "Intuit"), ("proadvisor", "Intuit"), ("xero", "Xero"), ("hubspot", "HubSpot"),
        ("google", "Google"), ("microsoft", "Microsoft"), ("meta ", "Meta"), ("facebook", "Meta"),
        ("asana", "Asana"), ("salesforce", "Salesforce"), ("canva", "Canva"), ("shopify", "Shopify"),
        ("zapier", "Zapier"), ("mailchimp", "Intuit Mailchimp"), ("semrush", "Semrush"), ("clickup", "ClickUp"),
    ]
    private static let noise: Set<String> = ["i am", "i'm", "fully", "soy", "we are", "and", "y", "also", "the"]

    func claims(in index: TextIndex) -> [Claim] {
        var claims: [Claim] = []
        var seen: Set<String> = []
        for (position, regex) in Self.patterns.enumerated() {
            for match in index.matches(regex, keywords: Self.keywords) {
                guard var name = group(1, match, index) else { continue }
                // "… X certified": the regex may start early; the name is the capitalised run before "certified".
                name = position == 2 ? Self.trailingProperName(name) : Self.strip(name)
                guard name.count >= 3, !Self.noise.contains(name.lowercased()) else { continue }
                let stated = group(2, match, index) ?? group(3, match, index)
                let issuer = stated.map(Self.strip) ?? Self.issuer(for: name)
                let key = PersonName(name).tokens.joined(separator: " ")
                guard seen.insert(key).inserted else { continue }
                claims.append(index.claim(.credential, .credential(Credential(name: name, issuer: issuer)), at: match.range))
            }
        }
        return claims + sectionClaims(in: index, skipping: seen)
    }

    private static let heading = Patterns.compile(
        #"^(?:licenses (?:&|and) certifications|licencias y certificaciones|certifications|certificaciones|certificados|certificates|licencias|licenses)$"#)
    private static let anyHeading = Patterns.compile(
        #"^(?:experience|experiencia|education|educaci[oó]n|formaci[oó]n|languages|idiomas|skills|aptitudes|conocimientos|projects|proyectos|volunteer(?:ing| experience)?|voluntariado|recommendations|recomendaciones|courses|cursos|honors(?: & awards)?|reconocimientos y premios|publications|publicaciones|activity|actividad|about|acerca de|organizations|organizaciones)$"#)
    private static let dateLine = Patterns.compile(
        #"^(?:issued|expedici[oó]n|expedido|emitido|credential id|id de la credencial|show credential|mostrar credencial|see credential|ver credencial|expires|vencimiento)\b|^(?:[a-z]{3,10}\.? )?(?:19|20)\d{2}$"#)

    /// A "Licenses & certifications" section: each item is a name line, then the issuer line.
    private func sectionClaims(in index: TextIndex, skipping seen: Set<String>) -> [Claim] {
        var claims: [Claim] = []
        var seen = seen
        var i = 0
        while i < index.blocks.count {
            guard Self.whole(Self.heading, index.blocks[i].text) else {
                i += 1
                continue
            }
            var j = i + 1
            var items: [(name: TextBlock, rest: [String])] = []
            while j < index.blocks.count, !Self.whole(Self.anyHeading, index.blocks[j].text), !Self.whole(Self.heading, index.blocks[j].text) {
                let block = index.blocks[j]
                let item = Self.item(of: block.locator)
                if let last = items.last, Self.item(of: last.name.locator) == item, !item.isEmpty {
                    items[items.count - 1].rest.append(block.text)
                } else {
                    items.append((block, []))
                }
                j += 1
            }
            for (nameBlock, rest) in items {
                let name = Self.strip(nameBlock.text)
                guard name.count >= 3, name.count <= 100, !Self.whole(Self.dateLine, name) else { continue }
                let issuer = rest.first { !Self.whole(Self.dateLine, $0) && $0.count <= 60 } ?? Self.issuer(for: name)
                guard seen.insert(PersonName(name).tokens.joined(separator: " ")).inserted else { continue }
                claims.append(
                    Claim(
                        kind: .credential, value: .credential(Credential(name: name, issuer: issuer)), origin: index.origin,
                        url: index.url, excerpt: ([nameBlock.text] + rest.prefix(1)).joined(separator: " · "),
                        locator: nameBlock.locator))
            }
            i = j
        }
        return claims
    }

    /// The list item a block belongs to: its locator up to the last `li[…]` step.
    private static func item(of locator: String) -> String {
        guard let range = locator.range(of: "/li", options: .backwards) else { return "" }
        let rest = locator[range.upperBound...]
        let step = rest.prefix { $0 != "/" }
        return String(locator[..<range.upperBound]) + step
    }

    private static func whole(_ regex: NSRegularExpression?, _ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return regex?.firstMatch(in: trimmed, range: NSRange(location: 0, length: (trimmed as NSString).length)) != nil
    }

    static func issuer(for name: String) -> String? {
        let lower = name.lowercased() + " "
        return knownIssuers.first { lower.contains($0.0) }?.1
    }

    /// Drops leading pronouns and trailing punctuation: "I am Google Workspace" → "Google Workspace".
    static func strip(_ text: String) -> String {
        var t = text.trimmingCharacters(in: CharacterSet(charactersIn: " .,;:·-–"))
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

    private func group(_ n: Int, _ match: NSTextCheckingResult, _ index: TextIndex) -> String? {
        guard match.numberOfRanges > n, match.range(at: n).location != NSNotFound else { return nil }
        let value = index.substring(match.range(at: n)).trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
    }
}
