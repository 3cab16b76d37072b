internal import CLibXML2
import Foundation
import HuellaCore
import HuellaTestSupport
import Testing

@testable import HuellaExtract

/// The extraction's fast paths (byte-level text walk, windowed regexes, trie alternations,
/// table folding, native trimming) against the plain implementations they replaced: each
/// must give the same answer on the fixture pages and on awkward generated input.
@Suite("fast paths agree with the plain ones")
struct FastPathTests {
    /// Every fixture page's bytes (extraction fixtures and the sample sites).
    static func pageData() -> [Data] {
        ["Fixtures/tests/extract/pages", "Fixtures/sample/sites"].flatMap { folder in
            let root = FixturePaths.path(folder)
            let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".html") } ?? []
            return files.sorted().compactMap { FileManager.default.contents(atPath: "\(root)/\($0)") }
        }
    }

    /// Every fixture page parsed, as the page at `url` (a page that does not parse is an issue
    /// of the test that asked).
    static func pageDocuments(url: String = "https://fixture.test/") -> [HTMLDocument] {
        let pages = pageData()
        let documents = pages.compactMap { HTMLDocument(data: $0, url: url, encoding: Charset.encoding(for: $0, contentType: nil)) }
        #expect(documents.count == pages.count, "a fixture page did not parse")
        return documents
    }

    /// The visible text blocks of every fixture page.
    static func pageBlocks() -> [[TextBlock]] {
        pageDocuments().map { $0.visibleTextBlocks() }
    }

    /// A few random bytes from an alphabet: small alphabets make overlaps and repeats likely.
    static func randomBytes(_ alphabet: String, count: ClosedRange<Int>, using generator: inout SeededGenerator) -> [UInt8] {
        let letters = Array(alphabet.utf8)
        return (0..<Int.random(in: count, using: &generator)).map { _ in letters.randomElement(using: &generator)! }
    }

    /// Long single-line blocks where keywords sit near the edges, repeat, and mix with
    /// accented and astral characters: what stresses window bounds and offset conversion.
    static func generatedBlocks() -> [TextBlock] {
        let pieces = [
            "over ten years of experience", "más de 8 años de experiencia", "12+ yrs' of professional experience",
            "Jan 2019 – Present", "ene. 2019 - actualidad", "mar. 2015 – dic. 2018", "2016 – 2019", "septiembre de 2020 a la fecha",
            "Licenciatura en Administración", "Bachelor of Science", "técnico superior universitario", "MBA",
            "QuickBooks Online ProAdvisor certified (Intuit)", "Google Workspace certified by Google", "Xero Advisor · Xero",
            "experiencia", "2024", "19 clientes", "20 %", "certificación", "Ünïcödé 😀 𝔘𝔫𝔦", "·", "—", "niño", "año",
            "Teléfono: +34 612 345 678", "llámame al 612 34 56 78", "cel. 55 1234 5678", "+1 (415) 555-0100", "WhatsApp",
            "call me", "hotel", "excelente", "+52", "Tel.:",
            "Certified Google Partner – Google", "HubSpot Marketing Specialist by HubSpot Academy", "Microsoft Office Specialist (Microsoft)",
            "Amazon Associate", "Professional", "expert", "Asana Certified Pro", "Scrum Fundamentals Certified · SCRUMstudy · 2022",
            "more than twenty-five + years' of professional experience", "casi veinticinco años de trayectoria",
            "MÁS DE 10 AÑOS DE EXPERIENCIA", "15 anos de experiencia", "yearly", "Years of Experience: 5", "2 años", "twenty-five yrs’ expertise",
            "septiembre de 2020 hasta septiembre de 2024", "setiembre de 1999 a la fecha", "1998 until actualidad",
            "the best", "best-in-class", "los mejores", "número uno", "no 1 en", "Nº1 de", "#1", "top 5%", "award-winning", "de clase mundial",
            "líderes en", "100 % de satisfacción", "garantía de satisfacción", "sin riesgo", "money-back", "devolución del dinero",
            "derechos reservados 2019 – 2024", "© 2023", "(c)2021-2022", "Copyright", "service agreement", "statements of work",
            "contrato de prestación de servicios", "acuerdo de servicios", "non-disclosure", "NDAs", "calendar", "secreto profesional",
            "confidencialidad", "S. de R.L. de C.V.", "S.A. de C.V.", "SLU", "S.L.", "Pty Ltd", "Inc.", "L.L.C.", "isla",
            "persona física con actividad empresarial", "autónoma", "translations", "empty", "AcmeLtd", "9SLU", "ÉSL", "ñS.A.",
            "Xautónomo", "(S.L.)", "sole proprietorship", "limited company", "RESICO",
            "Inglés", "ENGLISH", "inglesa", "Français", "francés", "Catalan", "catalana", "Tagalog", "chino mandarín",
            "more than a decade of experience", "más de una década de trayectoria", "two decades of experience", "dos décadas de experiencia",
            "serving clients since 2014", "en el mercado desde 2010", "desde el año 2015", "desde el 2015", "founded in 2018", "fundada en 2016",
            "nacida en el año 1990", "born in 1985", "nací en 1992", "internacional", "since",
            "currently pursuing", "Candidate", "EXPECTED 2027", "en curso", "Cursando", "estudiante de", "pasante", "Tecnológico de Monterrey",
            "Politécnico", "UNAM", "ITESO", "Centro Universitario", "Universidad de Sevilla", "Harvard University", "SPEAK", "spoken",
            "Idiomas", "lenguas", "hablo", "bilingüe", "school", "Educación", "Formación", "Maestría", "PhD", "Administración de Empresas,",
            "en Marketing Digital (UNED)", "of Arts from", "in R&D Management ·", "de Recursos Humanos por la", "inglés avanzado (C1)",
            "Native or bilingual proficiency", "competencia básica profesional", "intermedio-alto", "fluently", "B2+",
            "Privacy Policy", "Política de cookies", "GDPR", "protección de datos", "Issued Jan 2023", "Expedición: mar. 2021", "2022",
            "Credential ID 12345", "en Psicología Universidad", "in 3D Design", "of Science | Harvard",
            "juan.perez@correo.es", "ana@x.co", "(mail@example.com.)", "a@b", "x+tag@sub.domain.org,", "josé@ejemplo.mx", "@handle",
            "a.very.long.local.part.with.many.dots.and.more.words.than.sixty.four.characters.in.it@example.com", "user@@host.com",
            "certified in", "Certified in Google Ads", "certified as an Asana Expert", "CERTIFIED AS A", "certificación en", "Certificación oficial en",
            "certificado de", "Certificada como", "certification in", "Certificate in", "certifications", "Certified", "ProAdvisor", "Advisor",
            "QuickBooks ProAdvisor (Intuit)", "Xero Advisor · Xero", "Google Ads Specialist by Google", "HubSpot Partner — HubSpot",
            "Salesforce Administrator from Salesforce", "Canva Expert de Canva", "Trello Associate – Atlassian", "Professionals", "(Xero)",
            "by", "de", "from", "·", "–", "Specialist\u{00A0}·", "MBA", "B.Sc.", "Ph.D.", "BS in", "ba", "Bachelor",
        ]
        var generator = SeededGenerator(seed: 42)
        let dense = (0..<60).map { _ in
            let count = Int.random(in: 20...120, using: &generator)
            let words = (0..<count).map { _ in pieces.randomElement(using: &generator)! }
            return TextBlock(text: words.joined(separator: " "), locator: "/generated")
        }
        // Each piece alone among words no pattern looks for: a window must reach it by itself.
        let sparse = pieces.flatMap { piece in
            (0..<2).map { _ in
                let filler = { (n: Int) in Array(repeating: "bla", count: n).joined(separator: " ") }
                let text = [filler(Int.random(in: 0...6, using: &generator)), piece, filler(Int.random(in: 0...6, using: &generator))]
                return TextBlock(text: text.filter { !$0.isEmpty }.joined(separator: " "), locator: "/generated")
            }
        }
        return dense + sparse
    }

    static var indexes: [TextIndex] {
        (pageBlocks() + [generatedBlocks()]).map { TextIndex(blocks: $0, url: "https://fixture.test/", origin: .website) }
    }

    @Test("a windowed regex finds exactly what a scan of the whole block finds")
    func windows() {
        var patterns: [(String, NSRegularExpression?, KeywordWindow)] = [
            ("years", ExperiencePatterns.years, ExperiencePatterns.yearsWindow),
            ("position dates", PositionPatterns.range, PositionPatterns.rangeWindow),
            ("degree words", EducationPatterns.words, EducationPatterns.wordsWindow),
            ("phones", ContactExtractor.phone, ContactExtractor.phoneWindow),
            ("e-mail", ContactExtractor.email, ContactExtractor.emailWindow),
            ("superlatives", AdvertisingPatterns.superlative, AdvertisingPatterns.superlativeWindow),
            ("guarantees", AdvertisingPatterns.guarantee, AdvertisingPatterns.guaranteeWindow),
            ("copyright", AdvertisingPatterns.copyright, AdvertisingPatterns.copyrightWindow),
            ("contracts", TermsPatterns.contract, TermsPatterns.contractWindow),
            ("confidentiality", TermsPatterns.confidentiality, TermsPatterns.confidentialityWindow),
            ("legal forms", BusinessPatterns.legalForm, BusinessPatterns.formWindow),
            ("legal form words", BusinessPatterns.legalFormWords, BusinessPatterns.formWordsWindow),
            ("language names", LanguagePatterns.name, LanguagePatterns.nameWindow),
            ("decades", ExperiencePatterns.decade, ExperiencePatterns.decadeWindow),
            ("since", ExperiencePatterns.since, ExperiencePatterns.sinceWindow),
            ("born", ExperiencePatterns.born, ExperiencePatterns.bornWindow),
        ]
        for (i, entry) in CredentialPatterns.patterns.enumerated() {
            patterns.append(("credential \(i)", entry.regex, entry.window))
        }
        #expect(patterns.count >= 4)
        var compared = 0
        for index in Self.indexes {
            for (name, regex, window) in patterns {
                let windowed = index.matches(regex, in: window).map { Self.ranges(of: $0) }
                // Every block, with or without the keywords: the keywords are checked too.
                let whole = index.matches(regex).map { Self.ranges(of: $0) }
                #expect(windowed == whole, "\(name)")
                compared += whole.count
            }
        }
        #expect(compared > 100, "the comparison saw matches: \(compared)")
    }

    static func ranges(of match: TextMatch) -> [Int] {
        (0..<match.numberOfRanges).flatMap { [match.range(at: $0).location, match.range(at: $0).length] }
    }

    @Test("a line without a gate's words holds no match of its pattern")
    func gates() {
        let gates: [(String, NSRegularExpression?, [String])] = [
            ("in progress", EducationPatterns.inProgress, EducationPatterns.inProgressWords),
            ("institution", EducationPatterns.institution, EducationPatterns.institutionWords),
            ("language context", LanguagePatterns.context, LanguagePatterns.contextWords),
            ("not a job", PositionPatterns.notAJob, PositionPatterns.notAJobWords),
        ]
        var matched = 0
        for index in Self.indexes {
            for (name, regex, words) in gates {
                let gated = Set(index.blocksContaining(words))
                for block in index.blocks.indices where index.firstMatch(regex, inBlock: block) != nil {
                    matched += 1
                    #expect(gated.contains(block), "\(name): \(index.blockText(block))")
                }
            }
        }
        #expect(matched > 50, "the comparison saw matches: \(matched)")
    }

    @Test("a line where the degree abbreviations match holds one of their starts in its own case")
    func abbreviationGate() {
        var matched = 0
        let extra = TextIndex(
            blocks: ["MBA, IE Business School", "B.Sc. (Hons) Accounting", "BS in Finance", "M.Sc. Marketing", "Ph.D. candidate", "BA (Hons) English"]
                .map { TextBlock(text: $0, locator: "/p") }, url: "https://va.test/", origin: .website)
        for index in Self.indexes + [extra] {
            for block in index.blocks.indices where index.firstMatch(EducationPatterns.abbreviated, inBlock: block) != nil {
                matched += 1
                let holds = index.block(block, holdsExactly: EducationPatterns.abbreviationStarts)
                #expect(holds, "\(index.blockText(block))")
            }
        }
        #expect(matched >= 6, "the comparison saw matches: \(matched)")
    }

    @Test("the byte test before a declined skill passes every negation the words test reads")
    func negationGate() {
        for negation in SkillMentions.englishNegations + ["no hago", "No me encargo", "NO OFREZCO", "we don’t"] {
            for text in [negation + " bookkeeping", "Sure, " + negation + " do it"] {
                let units = Array(text.utf16)
                #expect(units.withUnsafeBufferPointer(SkillMentions.mayNegate), "\(text)")
            }
        }
        for text in ["I do bookkeeping now", "Nóminas y contabilidad", "I love notes", "snow"] {
            let units = Array(text.utf16)
            #expect(!units.withUnsafeBufferPointer(SkillMentions.mayNegate), "\(text)")
        }
    }

    @Test("a link without the privacy or terms words matches neither pattern")
    func linkGates() throws {
        var texts = [
            "Política de Privacidad", "AVISO LEGAL", "Términos y Condiciones", "Imprint", "GDPR", "Cookie Policy", "Datenschutz",
            "Protección de datos", "Legal notice", "Terms of Service", "/politica-de-cookies", "RGPD", "legales", "paralegal",
        ]
        for document in Self.pageDocuments() {
            for link in document.links {
                texts.append(document.text(of: link) + " " + (document.attribute("href", of: link) ?? ""))
            }
        }
        var matched = 0
        for text in texts {
            let lower = text.lowercasedUTF8
            if ContactExtractor.privacy?.firstMatch(in: text) != nil {
                matched += 1
                #expect(ContactExtractor.privacyWords.occurs(in: lower), "\(text)")
            }
            if ContactExtractor.terms?.firstMatch(in: text) != nil {
                matched += 1
                #expect(ContactExtractor.termsWords.occurs(in: lower), "\(text)")
            }
        }
        #expect(matched > 20, "matches: \(matched)")
    }

    @Test("patterns rewritten for speed (guards, a trie) match what the plain ones matched")
    func rewrittenPatterns() throws {
        let pairs: [(NSRegularExpression?, NSRegularExpression)] = [
            (
                EducationPatterns.field,
                try NSRegularExpression(
                    pattern:
                        #"^\s*(?:\(BS\)|\(BA\)|- ?BA|- ?BS)?\s*(?:,|in|en|of|de|-)?\s+([\p{L}][\p{L}&' -]{2,70}?)(?=\s*(?:,|\(|\)|\.|;|·|\||[\-–—]\s|\bat\b|\bfrom\b|\bpor\b|\ben la\b|\ben el\b|\bUniversi|\bInstitut|\bde la Universidad|\d|$))"#,
                    options: [.caseInsensitive])
            ),
            (
                LanguagePatterns.level,
                try NSRegularExpression(
                    pattern: "(?<![\\p{L}])(" + LanguagePatterns.levels.map { NSRegularExpression.escapedPattern(for: $0.0) }.joined(separator: "|")
                        + ")(?![\\p{L}])", options: [.caseInsensitive])
            ),
            (
                EducationPatterns.words,
                try NSRegularExpression(
                    pattern: "\\b(" + EducationPatterns.degreeWords.map(\.0).joined(separator: "|") + ")\\b", options: [.caseInsensitive])
            ),
            (
                ContactExtractor.privacy,
                try NSRegularExpression(
                    pattern: #"privacy|privacidad|protecci[oó]n de datos|datenschutz|\brgpd\b|\bgdpr\b"#,
                    options: [.caseInsensitive])
            ),
            (
                CredentialPatterns.dateLine,
                try NSRegularExpression(
                    pattern:
                        #"^(?:issued|expedici[oó]n|expedido|emitido|credential id|id de la credencial|show credential|mostrar credencial|see credential|ver credencial|expires|vencimiento)\b|^(?:[a-z]{3,10}\.? )?(?:19|20)\d{2}$"#,
                    options: [.caseInsensitive])
            ),
            (
                CredentialPatterns.patterns[4].regex,
                try NSRegularExpression(
                    pattern:
                        #"([\p{Lu}][\p{L}0-9&+.' -]{1,50}?(?:ProAdvisor|Advisor|Administrator|Specialist|Professional|Associate|Expert|Partner))\s*(?:·|\(|–|—|\bby\b|\bde\b|\bfrom\b)\s*([\p{Lu}][\p{L}0-9&.' -]{1,40}?)(?=\s*(?:\)|\n|$|[,.;·]))"#)
            ),
        ]
        var compared = 0
        for index in Self.indexes {
            for (rewritten, plain) in pairs {
                // The field pattern reads the rest of a line after a degree word: every suffix of every line.
                for block in index.blocks.indices {
                    let text = index.blockText(block)
                    let units = Array(text.utf16)
                    for start in stride(from: 0, to: units.count, by: max(1, units.count / 40)) {
                        let range = NSRange(location: start, length: units.count - start)
                        let expected = plain.firstMatch(in: text, range: range).map { Self.ranges(of: $0) }
                        #expect(rewritten?.firstMatch(in: text, range: range).map { Self.ranges(of: $0) } == expected)
                        if expected != nil { compared += 1 }
                    }
                }
            }
        }
        #expect(compared > 200, "the comparison saw matches: \(compared)")
    }

    static func ranges(of match: NSTextCheckingResult) -> [Int] {
        (0..<match.numberOfRanges).flatMap { [match.range(at: $0).location, match.range(at: $0).length] }
    }

    @Test("a trie alternation matches what the longest-first list matches")
    func tries() throws {
        let lists: [[String]] = [
            Array(Patterns.numberWords.keys), PositionPatterns.months.map(\.0), Array(LanguagePatterns.names.keys),
        ]
        let texts = Self.indexes.map { $0.text as String }
        for words in lists {
            let flat = try NSRegularExpression(
                pattern: #"\b("# + words.sorted { $0.count > $1.count }.map(NSRegularExpression.escapedPattern(for:)).joined(separator: "|") + #")\b"#,
                options: [.caseInsensitive])
            let trie = try NSRegularExpression(pattern: #"\b("# + Patterns.trie(words) + #")\b"#, options: [.caseInsensitive])
            // The words themselves, run together and cut short, and the pages' text.
            let probe = words.map { $0 + " " + $0.uppercased() + "s " + String($0.dropLast()) }.joined(separator: " · ")
            for text in texts + [probe] {
                let range = NSRange(location: 0, length: text.utf16.count)
                let expected = flat.matches(in: text, range: range).map(\.range)
                #expect(trie.matches(in: text, range: range).map(\.range) == expected)
            }
        }
    }

    @Test("white space collapses on bytes as it did on Unicode scalars, for any bytes")
    func collapse() {
        let spaces: [Unicode.Scalar] = [
            "\t", "\n", "\u{0B}", "\u{0C}", "\r", " ", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}", "\u{2005}", "\u{200A}",
            "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{200B}", "\u{FEFF}", "\u{180E}",
        ]
        var generator = SeededGenerator(seed: 7)
        var cases: [[UInt8]] = Self.pageBlocks().flatMap { $0.map { Array($0.text.utf8) } }
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...24, using: &generator) {
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: bytes += Array(String(spaces.randomElement(using: &generator)!).utf8)
                case 1: bytes.append(UInt8.random(in: 0x80...0xFF, using: &generator))  // stray and lead bytes
                case 2: bytes += Array("añ€😀".utf8).prefix(Int.random(in: 1...10, using: &generator))
                default: bytes.append(UInt8.random(in: 0x20...0x7E, using: &generator))
                }
            }
            cases.append(bytes)
        }
        for bytes in cases {
            #expect(HTMLDocument.collapse(bytes) == Self.referenceCollapse(bytes), "\(bytes)")
        }
    }

    @Test("an element's collapsed text read from libxml2's copy is its text collapsed")
    func collapsedText() {
        var compared = 0
        for document in Self.pageDocuments() {
            for node in document.elements {
                #expect(document.collapsedText(of: node) == HTMLDocument.collapse(Array(document.text(of: node).utf8)))
                compared += 1
            }
        }
        #expect(compared > 5000, "elements compared: \(compared)")
    }

    /// The implementation the byte walk replaced.
    static func referenceCollapse(_ bytes: [UInt8]) -> String {
        var out = ""
        var pendingSpace = false
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Every Latin letter with its accents, in both cases, with digits and punctuation around.
    static let latinSamples: [String] = {
        let letters = (0xC0...0x24F).compactMap { Unicode.Scalar($0) }.map { String($0) }
        var generator = SeededGenerator(seed: 3)
        let extra = ["O'Connor", "María José", "Dra. Ana-Lucía Pérez", "ǅemal", "ﬁne", "Straße", "İstanbul", "Ωmega", "e\u{301}te", "QBO", "Ⅻ"]
        return letters + extra
            + (0..<500).map { _ in
                (0..<Int.random(in: 1...8, using: &generator)).map { _ in
                    [letters.randomElement(using: &generator)!, " ", "-", "'", "’", "1", "A", "z", ".", "\u{A0}"].randomElement(using: &generator)!
                }.joined()
            }
    }()

    @Test("skill words fold as Foundation folded them")
    func tokens() {
        let texts = Self.latinSamples + Self.indexes.map { $0.text as String }
        for text in texts {
            let tokens = SkillVocabulary.tokens(of: text)
            let reference = Self.referenceTokens(text)
            #expect(tokens.map(\.folded) == reference.map(\.0), "\(text)")
            #expect(tokens.map(\.range) == reference.map(\.1), "\(text)")
        }
    }

    @Test("skills are found alike as bytes (an ASCII vocabulary) and as strings (one with other letters)")
    func skillMentions() throws {
        let shipped = try SkillVocabulary.load(path: FixturePaths.path("data/skills.yaml"))
        let greek = SkillVocabulary.Skill(id: "greek", en: "Ελληνικά", es: "griego", category: "languages", synonyms: [])
        let mixed = SkillVocabulary(skills: shipped.skills + [greek])
        // Verbs of more than one word, whose last word ("of", "de") the byte walk passes over
        // unless the word before it fits: as written, cut, split by a sign, and alone.
        let services = [
            "I take care of your inbox and calendar", "Taking care of your bookkeeping, payroll and invoicing",
            "I look after your social media", "Me encargo de tu agenda y tus viajes", "Nos ocupamos de tus redes sociales",
            "Me hago cargo de tu correo", "care of your inbox", "I take care, of your inbox", "de tu agenda", "of your calendar",
            "Encargarme de tu bandeja de entrada", "I manage your inbox", "Gestiono tu agenda",
        ]
        #expect(services.filter { !shipped.mentions(in: $0).isEmpty }.count >= 8)
        var found = 0
        for text in services + Self.latinSamples + Self.indexes.map({ $0.text as String }) {
            let bytes = shipped.mentions(in: text)
            let strings = mixed.mentions(in: text).filter { $0.id != "greek" }
            #expect(bytes.map(\.id) == strings.map(\.id))
            #expect(bytes.map(\.range) == strings.map(\.range))
            found += bytes.count
        }
        #expect(found > 100, "mentions compared: \(found)")
        #expect(mixed.mentions(in: "Hablo ελληνικά y uso QBO").map(\.id).contains("greek"))
    }

    /// The tokenizer the UTF-8 walk replaced: NSString and Foundation folding per word. (The
    /// old one read UTF-16 units, so a letter outside the BMP split words; this one reads scalars.)
    static func referenceTokens(_ text: String) -> [(String, NSRange)] {
        let ns = text as NSString
        var tokens: [(String, NSRange)] = []
        var start = -1
        var i = 0
        for scalar in text.unicodeScalars + ["\u{0}"] {
            let isWord = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if isWord && start < 0 { start = i }
            if !isWord && start >= 0 {
                let range = NSRange(location: start, length: i - start)
                tokens.append((ns.substring(with: range).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil), range))
                start = -1
            }
            i += scalar.utf16.count
        }
        return tokens
    }

    @Test("whole strings fold as Foundation folds them")
    func stringFolding() {
        let texts = Self.pageBlocks().flatMap { $0.map(\.text) } + Self.generatedBlocks().map(\.text)
            + ["Café e\u{301} ÅNGSTRÖM straße ﬁne Σίσυφος İstanbul ǅ", "Ünïcödé 😀 𝔘𝔫𝔦", "Ĳssel Œuvre"]
        #expect(texts.count > 500)
        for text in texts {
            #expect(Folding.fold(text) == text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil), "\(text)")
        }
    }

    @Test("lowered bytes are the bytes of lowercased()")
    func loweredBytes() {
        let texts = Self.latinSamples + Self.pageBlocks().flatMap { $0.map(\.text) } + Self.generatedBlocks().map(\.text)
            + ["ÀÉÎÕÜ×ÞßÿĀ", "ÓSCAR \u{212A}elvin ΣΊΣΥΦΟΣ İ", "\u{00D7}\u{00F7}\u{00B5}\u{00AA}", "MAILTO:ANA@X.COM", "",
               "GESTIÓN – “ÁLVARO” … • ‰ ⁱⁿ ‿ ⁄ SEÑORA", "Ⓐ – Ⓑ", "ÁREA\u{2028}LÍNEA\u{205F}FIN"]
        for text in texts {
            #expect(text.lowercasedUTF8 == Array(text.lowercased().utf8), "\(text)")
        }
    }

    @Test("names reduce as they did with Foundation's folding")
    func names() {
        for text in Self.latinSamples {
            #expect(PersonName(text).tokens == Self.referenceName(text), "\(text)")
            #expect(PersonName.key(text) == Self.referenceName(text).joined(separator: " "), "\(text)")
        }
        // Text that is not a name keeps its digits and every word.
        #expect(PersonName.textKey("+34 612-345 678") == "34 612 345 678")
        #expect(PersonName.textKey("Lucía.Ortega2@Ortega-VA.es") == "lucia ortega2 ortega va es")
        #expect(PersonName.textKey("Non-Disclosure Agreement de la Sra. O'Neil") == "non disclosure agreement de la sra oneil")
        #expect(PersonName.textKey("B-1234567-4") != PersonName.textKey("B-1234567-5"))
        // ASCII text takes a loop of its own: with a word past ASCII added (the general walk),
        // the key is the same with that word after it.
        let ascii = (Self.pageBlocks().flatMap { $0.map(\.text) } + ["a'b `c` 12-34 O'Neil", "--", "", "Mx. X_Y-Z"])
            .filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        #expect(ascii.count > 100)
        for text in ascii {
            let key = PersonName.textKey(text)
            #expect(PersonName.textKey(text + " é") == (key.isEmpty ? "e" : key + " e"), "\(text)")
        }
    }

    static func referenceName(_ text: String) -> [String] {
        let honorifics: Set<String> = [
            "mr", "mrs", "ms", "miss", "mx", "dr", "dra", "sr", "sra", "srta", "lic", "licda", "ing", "mtro", "mtra", "prof", "profa",
            "don", "dona",
        ]
        let particles: Set<String> = ["de", "del", "la", "las", "los", "y", "e", "i"]
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        let cleaned = folded.unicodeScalars.map { scalar -> Character in
            if scalar == "'" || scalar == "’" || scalar == "`" { return "\u{0}" }
            return CharacterSet.letters.contains(scalar) ? Character(scalar) : " "
        }
        return String(cleaned).replacingOccurrences(of: "\u{0}", with: "").split(separator: " ").map(String.init)
            .filter { !honorifics.contains($0) && !particles.contains($0) }
    }

    @Test("native trimming trims what Foundation trims")
    func trimming() {
        let edges = [" ", "\t", "\n", "\r\n", "\u{A0}", "\u{2003}", "\u{3000}", "\u{85}", "\u{2028}", "\u{200B}", "x", "é", ""]
        for left in edges {
            for right in edges {
                for middle in ["", "a", " a b ", "año\u{A0}2020", "\n"] {
                    let text = left + middle + right
                    #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
                    #expect(
                        text.trimmingSpacesAndNewlines() == text.trimmingCharacters(in: .whitespacesAndNewlines),
                        "\(Array(text.unicodeScalars))")
                }
            }
        }
        // Trimming a given set of characters, as the extractors do with names and titles.
        let sets = [" .,;:·-–", " ,·|–-—:()\t", " ,·-"]
        for set in sets {
            for left in edges + [".", "·", "–", " (", ":- "] {
                for right in edges + [",", "—", ")", " ·", "-–"] {
                    for middle in ["", "Google Workspace", "·", "año – 2020", "QuickBooks (Intuit)"] {
                        let text = left + middle + right
                        #expect(text.trimming(set) == text.trimmingCharacters(in: CharacterSet(charactersIn: set)), "\(Array(text.unicodeScalars))")
                    }
                }
            }
        }
    }

    @Test("the anchored byte search finds the first occurrence, as a plain scan does")
    func byteSearch() {
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<4000 {
            let haystack = Self.randomBytes("eaxz19 -", count: 0...40, using: &generator)
            let needle = Self.randomBytes("eaxz19 -", count: 1...4, using: &generator)
            let expected = haystack.count >= needle.count
                ? (0...(haystack.count - needle.count)).first { Array(haystack[$0..<($0 + needle.count)]) == needle } : nil
            let found = haystack.withUnsafeBytes { raw in raw.baseAddress.flatMap { TextIndex.find(needle, in: $0, count: raw.count) } }
            #expect(found == expected, "\(haystack) \(needle)")
            #expect(TextIndex.contains(haystack, needle) == (expected != nil))
        }
    }

    @Test("an excerpt's first and last spaces are the ones a Character search finds")
    func excerptSpaces() {
        let pieces = ["a", "é", "e\u{301}", " ", " \u{301}", "\u{600} ", "😀", "👩‍💻", "\r\n", "·", "año", "  "]
        var generator = SeededGenerator(seed: 31)
        var texts = Self.generatedBlocks().map(\.text)
        for _ in 0..<3000 {
            texts.append((0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for text in texts {
            #expect(Excerpt.space(in: text, last: false) == text.firstIndex(of: " "), "\(Array(text.unicodeScalars))")
            #expect(Excerpt.space(in: text, last: true) == text.lastIndex(of: " "), "\(Array(text.unicodeScalars))")
        }
    }

    @Test("the entries covering a host, found by one look-up, are those whose names cover it")
    func hostIndex() throws {
        let shipped = try ProfileHosts.load(directory: FixturePaths.path("data/profile-hosts")).hosts.map(\.hosts)
        let extra = [["example.com", "*.example.com"], ["*.sub.example.com"], ["*"], ["example.com"], ["*.com"], ["Ünï.test", "*.ünï.test"]]
        let entries = (shipped + extra).map(HostNames.init)
        let index = HostNames.Index(entries)
        let names: [String] = shipped.joined().flatMap { (name: String) -> [String] in [name, "www." + name, "a." + name, "x" + name] }
        let extraNames: [String] = extra.joined().flatMap { (name: String) -> [String] in [name, "www." + name, "a.b." + name] }
        var hosts = Set(names + extraNames)
        hosts.formUnion(["", "com", ".com", "example.org", "gravatar.com.evil.test", "www.linkedin.com", "es.linkedin.com", "ünï.test", "a.ünï.test"])
        var covered = 0
        for host in hosts.map({ $0.lowercased() }) {
            let expected = entries.indices.filter { entries[$0].cover(host) }
            #expect(index.entries(covering: host) == expected, "\(host)")
            covered += expected.count
        }
        #expect(covered > 200, "\(covered)")
    }

    @Test("words lowered on Latin-1 bytes are the words lowering and splitting characters finds")
    func lowerWords() {
        // The Character-level reading the byte walk stands in for.
        func reference(_ text: String) -> [String] {
            text.lowercased().split { !$0.isLetter && $0 != "'" && $0 != "’" }.map { word in
                word.contains("’" as Character) ? String(word.map { $0 == "’" ? "'" : $0 }) : String(word)
            }
        }
        let latin1 = (0x20...0xFF).compactMap { Unicode.Scalar($0) }.map { String($0) }
        let others = ["’", "'", "\r\n", "\r", "\n", "\u{301}", "İ", "Ω", "ǅ", "ﬁ", "\u{1F600}", "\u{200D}", "ŀ", "\u{AD}", "K"]
        var generator = SeededGenerator(seed: 17)
        var texts = latin1 + others + ["I don’t do bookkeeping", "NO HAGO NÓMINAS", "Suscríbete a mi boletín", "ÀÉÎÕÜ ßÿ ª º µ × ÷"]
        for _ in 0..<4000 {
            let pieces = Bool.random(using: &generator) ? latin1 : latin1 + others
            texts.append((0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        var fast = 0
        for text in texts {
            #expect(TextIndex.lowerWords(text) == reference(text), "\(Array(text.unicodeScalars))")
            #expect(TextIndex.lowerWords(text[...]) == reference(text), "\(Array(text.unicodeScalars))")
            if TextIndex.latinLowerWords(text) != nil { fast += 1 }
        }
        #expect(fast > 2000, "read on bytes: \(fast)")
    }

    @Test("a locator is inside a path as reading up its steps found it")
    func locatorInside() {
        // The look-up it replaced: the locator, then each of its steps cut off, in the set.
        func reference(_ locator: String, _ paths: Set<String>) -> Bool {
            var path = Substring(locator)
            while !path.isEmpty {
                if paths.contains(String(path)) { return true }
                guard let slash = path.lastIndex(of: "/") else { return false }
                path = path[..<slash]
            }
            return false
        }
        var generator = SeededGenerator(seed: 11)
        let steps = ["/html", "/body", "/div[2]", "/div", "/form", "/p", "/@href", "/", "div", "/div[20]", ""]
        func random() -> String {
            (0..<Int.random(in: 0...5, using: &generator)).map { _ in steps.randomElement(using: &generator)! }.joined()
        }
        var inside = 0
        for _ in 0..<4000 {
            let locator = random()
            let paths = Set((0..<Int.random(in: 0...3, using: &generator)).map { _ in random() } + (Bool.random(using: &generator) ? [String(locator.prefix(Int.random(in: 0...max(locator.count, 1), using: &generator)))] : []))
            let expected = reference(locator, paths)
            #expect(PageExtractor.isInside(locator, paths) == expected, "\(locator) in \(paths)")
            if expected { inside += 1 }
        }
        #expect(inside > 300, "inside: \(inside)")
    }

    @Test("links inside elements that pass a test are the ones an ancestor walk finds")
    func linksInside() {
        var found = 0
        for document in Self.pageDocuments() {
            let tests: [(xmlNodePtr) -> Bool] = [
                { !ElementKind.of($0.pointee.name).isDisjoint(with: [.nav, .header, .footer]) },
                { document.attribute("class", of: $0, contains: "social") },
                { document.isElement($0, named: "li") || document.isElement($0, named: "p") },
                { _ in false },
            ]
            for test in tests {
                let expected = document.links.filter { document.hasAncestor($0, where: test) }
                #expect(document.links(inside: test) == expected)
                found += expected.count
            }
        }
        #expect(found > 200, "links compared: \(found)")
    }

    @Test("a URL's parts read from its bytes are the ones URLComponents gives, for every link and awkward URLs")
    func urlParts() {
        var urls = [
            "https://example.com", "https://example.com/", "http://EXAMPLE.com/A/b?Q=1#frag", "https://ex.com?x", "https://ex.com#",
            "https://ex.com/?", "https://ex.com/a#b?c/d", "https://ex.com/a?b?c#d#e", "https://ex.com:8443/a", "https://user@ex.com/",
            "https://[::1]/a", "https://ex.com/a%20b", "https://ex%41mple.com/", "https://ex.com/a b", "https://ex.com/á",
            "https://exámple.com/", "HTTPS://ex.com/", "ftp://ex.com/a", "//ex.com/a", "/relative", "mailto:a@b.com", "https://",
            "https:///path", "https://ex.com/a|b", "https://ex.com/a[1]", "https://ex.com/a^b", "https://ex.com/a\\b",
            "https://ex.com/a\"b", "https://ex.com/a<b>", "https://ex.com/{x}", "https://ex.com/`x`", "https://ex.com/?q=a%2Fb",
            "https://ex.com/#a%20b", "https://ex.com/~user/(x);y=1,z*+!$&'@:", "https://ex.com/?a=/b?c", "https://-x-.com./",
            "https://ex.com/\u{1F600}", "https://ex.com/a\tb", "https://ex.com\n/", " https://ex.com/", "https://ex.com/ ", "",
            "https:ex.com/a", "http://ex.com:/", "https://ex.com/path#frag#more", "https://ex.com/?#",
        ]
        // Every link of every fixture page, as the pages write it and resolved against the page.
        for document in Self.pageDocuments(url: "https://fixture.test/dir/page.html") {
            for node in document.links {
                guard let href = document.attribute("href", of: node) else { continue }
                urls.append(href)
                if let resolved = document.resolve(href) { urls.append(resolved) }
            }
        }
        var generator = SeededGenerator(seed: 41)
        for _ in 0..<3000 {
            let tail = String(decoding: Self.randomBytes("aZ09./?#%:@-_~!$&'()*+,;=[] \"é", count: 0...14, using: &generator), as: UTF8.self)
            urls.append(["https://", "http://", "https://ex.com", "http://ex.com/"].randomElement(using: &generator)! + tail)
        }
        var plain = 0
        for url in urls {
            #expect(URLParts(url) == URLParts(components: url), "\(url.debugDescription)")
            let parts = URLParts.hostAndPath(url)
            #expect(parts?.host == URLParts(components: url)?.host && parts?.path == URLParts(components: url)?.path, "\(url.debugDescription)")
            #expect((parts == nil) == (URLParts(components: url) == nil), "\(url.debugDescription)")
            if URLParts(components: url)?.host != nil { plain += 1 }
        }
        #expect(plain > 500, "URLs with a host compared: \(plain)")
    }

    @Test("link words are found in the bytes as they are found in the lowered text")
    func linkWords() {
        let words = ["About me", "SOBRE MÍ", "¿Quién soy?", "TÉRMINOS", "Contacto", "Coo\u{212A}ies", "CV", "Ｆａｑ", "PRİVACY", "QUİEN SOY", "Home", "Blog", "ÀÉÎÕÜ"]
        var generator = SeededGenerator(seed: 43)
        let generated = (0..<3000).map { _ in
            String(decoding: Self.randomBytes("aboutABOUTcvCVfaqFAQéÉ \u{212A}Kk", count: 0...9, using: &generator), as: UTF8.self)
        }
        for text in words + generated {
            for needles in [SitePages.wantedWords, ContactExtractor.legalWords] {
                #expect(needles.occurs(inText: text) == needles.occurs(in: text.lowercasedUTF8), "\(text.debugDescription)")
            }
        }
        #expect(SitePages.wantedWords.occurs(inText: "Coo\u{212A}ies") && !SitePages.wantedWords.occurs(inText: "Home"))
        // The links' pre-test on raw bytes passes every text the words are found in.
        for text in words + generated {
            for needles in [SitePages.wantedWords, ContactExtractor.legalWords] where needles.occurs(inText: text) {
                var raw = text
                #expect(raw.withUTF8 { needles.mayOccur(inLowered: $0) }, "\(text.debugDescription)")
            }
        }
        var home = "Home"
        #expect(!home.withUTF8 { SitePages.wantedWords.mayOccur(inLowered: $0) })
        // The needles' two tables (first byte, second byte) find what a plain search of the
        // lowered bytes finds, needles of one byte and needles at the very end included.
        let sets = [["cv", "faq", "about"], ["@", "wa.me/", "x"], ["social", "redes"], ["testimon", "review", "comment", "h-cite"]]
        for text in words + generated + ["X", "aX", "cV", "Wa.Me/", "h-Cite", "@"] {
            let lowered = text.lowercasedUTF8
            for set in sets {
                let plain = set.contains { needle in lowered.count >= needle.utf8.count && (0...(lowered.count - needle.utf8.count)).contains { lowered[$0..<($0 + needle.utf8.count)].elementsEqual(needle.utf8) } }
                #expect(ASCIINeedles(set).occurs(in: lowered) == plain, "\(set) \(text.debugDescription)")
            }
        }
    }

    @Test("an ASCII link label names a page when the pattern finds a match in it, and only then")
    func wantedLabels() throws {
        let wanted = try #require(SitePages.wanted)
        var labels = [
            "About me /about/", "Sobre mi /sobre-mi/", "SOBRE-MI", "sobremi", "Quien soy", "QUIENES SOY", "Quienes somos", "Aviso legal",
            "Aviso-legal", "Contacta", "Contacto", "Terms", "Terminos", "Cookies", "CV", "Faq", "Home /", "Blog /blog/", "sobre  mi",
            "quien  soy", "Experiencia", "Experience", "Resume", "Pricing", "Tarifas", "Credenciales", "Credentials", "Curriculum",
        ]
        for document in Self.pageDocuments(url: "https://fixture.test/dir/page.html") {
            for node in document.links {
                guard let href = document.attribute("href", of: node), let target = document.resolve(href), let parts = URLParts(target) else { continue }
                labels.append(document.text(of: node) + " " + parts.path)
            }
        }
        var generator = SeededGenerator(seed: 47)
        let pieces = ["about", "sobre", "mi", "-", " ", "quien", "es", "soy", "somos", "contact", "o", "a", "terms", "legal", "aviso", "cv", "f",
            "aq", "PRIVACY", "privacidad", "cookie", "s", "experienc", "e", "ia", "resum", "curricul", "um", "tarifa", "x", "/", "Q"]
        for _ in 0..<4000 {
            labels.append((0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        var named = 0
        for label in labels where label.utf8.allSatisfy({ $0 < 0x80 }) {
            let expected = wanted.firstMatch(in: label, range: NSRange(location: 0, length: label.utf16.count)) != nil
            #expect(SitePages.isWanted(label) == expected, "\(label.debugDescription)")
            if expected { named += 1 }
        }
        #expect(named > 1000, "labels naming a page: \(named)")
        #expect(SitePages.isWanted("Sobre mí") && SitePages.isWanted("TÉRMINOS") && !SitePages.isWanted("Inicio"))
    }

    @Test("a contact form is found as the XPath query it replaced finds it")
    func contactForms() throws {
        let xpath = "//form[not(@role='search')][.//textarea or (.//input[@type='email' or contains(@name,'mail')] and .//input[contains(@name,'name') or contains(@name,'nombre')])]"
        let forms = [
            #"<form role="search"><textarea></textarea></form>"#, #"<form><input type="email"></form>"#,
            #"<form><input type="email"><input name="your-name"></form>"#, #"<form><div><p><textarea name="m"></textarea></p></div></form>"#,
            #"<form><input name="Email"><input name="nombre_completo"></form>"#, #"<form><input type="EMAIL"><input name="name"></form>"#,
            #"<form><input type="email"><input name="Name"></form>"#, #"<form role="Search"><input type="email"><input name="name"></form>"#,
            #"<form hidden><textarea></textarea></form>"#, #"<form><input type="text" name="q"></form>"#,
        ]
        var found = 0
        for (i, form) in forms.enumerated() {
            // Each form alone, then after a form that does not count, so the first that counts is the one compared.
            for html in ["<html><body>\(form)</body></html>", "<html><body>\(forms[9])\(form)</body></html>"] {
                let document = try #require(HTMLDocument(data: Data(html.utf8), url: "https://fixture.test/", encoding: "UTF-8"))
                let expected = document.select(xpath).first { document.isVisible($0) }
                let ours = ContactExtractor(origin: .website).contactForm(in: document)
                #expect(ours == expected, "form \(i): \(html)")
                if ours != nil { found += 1 }
            }
        }
        #expect(found == 8, "forms that count: \(found)")
    }

    @Test("element paths are the ones libxml2 writes")
    func paths() throws {
        var pages = Self.pageData()
        // Nesting and same-name siblings at every depth, and an element inside an SVG.
        pages.append(Data("<html><body><div><p>a</p><p>b<span>c</span><span>d</span></p></div><div><svg><g><path/></g><g/></svg></div><ul><li>x</li></ul></body></html>".utf8))
        // Parents of more children than a sibling walk goes (then numbered at once): a name
        // shared by 150, one that occurs once among them, another twice far apart.
        let many = (0..<150).map { i in (i == 70 ? "<h2>lone</h2>" : "") + (i == 3 || i == 140 ? "<b>pair</b>" : "") + "<li>item \(i)</li>" }
        pages.append(Data("<html><body><ul>\(many.joined())</ul><div>\(many.joined())</div></body></html>".utf8))
        var compared = 0
        var generator = SeededGenerator(seed: 5)
        for data in pages {
            let ours = try #require(HTMLDocument(data: data, url: "https://fixture.test/", encoding: nil))
            let theirs = try #require(HTMLDocument(data: data, url: "https://fixture.test/", encoding: nil))
            #expect(ours.elements.count == theirs.elements.count)
            // In a shuffled order, so that some paths are built on remembered ancestors and some are not.
            for i in ours.elements.indices.shuffled(using: &generator) {
                #expect(ours.path(of: ours.elements[i]) == theirs.libxmlPath(of: theirs.elements[i]))
                compared += 1
            }
        }
        #expect(compared > 1000, "paths compared: \(compared)")
    }

    @Test("a range of the page's text is the block's own text in that range, rounded to whole scalars")
    func substrings() {
        var generator = SystemRandomNumberGenerator()
        let extra = [TextBlock(text: "ab😀cd😀 ñ€𝔘x", locator: "/a"), TextBlock(text: "😀", locator: "/b"), TextBlock(text: "", locator: "/c")]
        var compared = 0
        for blocks in Self.pageBlocks() + [Self.generatedBlocks(), extra] {
            let index = TextIndex(blocks: blocks, url: "https://fixture.test/", origin: .website)
            var offset = 0
            for block in blocks {
                let count = block.text.utf16.count
                // Every range of a short block, a few hundred of a long one.
                let ranges: [(Int, Int)] =
                    count <= 24
                    ? (0...count).flatMap { a in (a...count).map { (a, $0) } }
                    : (0..<300).map { _ in
                        let a = Int.random(in: 0...count, using: &generator)
                        return (a, Int.random(in: a...count, using: &generator))
                    }
                for (a, b) in ranges {
                    let from = String.Index(utf16Offset: a, in: block.text)
                    let expected = String(block.text[from..<String.Index(utf16Offset: b, in: block.text)])
                    #expect(index.substring(NSRange(location: offset + a, length: b - a)) == expected, "\(block.text) \(a)..<\(b)")
                    compared += 1
                }
                offset += count + 1
            }
        }
        #expect(compared > 10_000)
    }

    @Test("the page's UTF-16 text is the string's own UTF-16")
    func utf16() {
        var texts = Self.pageBlocks().map { $0.map(\.text).joined(separator: "\n") } + Self.generatedBlocks().map(\.text)
        texts += ["", "a", "é", "€", "😀", "a😀b𝔘\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}"]
        for text in texts {
            #expect(Array(TextIndex.utf16(of: text).units) == Array(text.utf16))
        }
        // Block starts in UTF-16, as a count of each block's own units gives them.
        for blocks in Self.pageBlocks() + [Self.generatedBlocks(), [TextBlock(text: "😀", locator: "/a"), TextBlock(text: "", locator: "/b")]] {
            let index = TextIndex(blocks: blocks, url: "https://fixture.test/", origin: .website)
            var offset = 0
            for (i, block) in blocks.enumerated() {
                #expect(index.blockIndex(at: offset) == i || block.text.isEmpty)
                #expect(index.lineRange(at: offset).map { $0.location == offset && $0.length == block.text.utf16.count } ?? true)
                offset += block.text.utf16.count + 1
            }
            #expect(index.length == offset - 1 || blocks.isEmpty)
        }
    }

    @Test("the keyword automaton finds every occurrence a search for each keyword finds")
    func keywordAutomaton() {
        // Small alphabets make overlaps, shared prefixes and suffixes likely.
        var generator = SeededGenerator(seed: 23)
        for _ in 0..<800 {
            let haystack = Self.randomBytes("abab ñ", count: 0...60, using: &generator)
            let keywords = (0..<Int.random(in: 1...8, using: &generator)).map { _ in Self.randomBytes("abab ñ", count: 1...4, using: &generator) }
            // Read in one scan and in two to four lanes side by side (occurrences across their edges).
            for lanes in 1...4 {
                let found = haystack.withUnsafeBytes { KeywordAutomaton(keywords: keywords).occurrences(in: $0, lanes: lanes) }
                for (id, keyword) in keywords.enumerated() {
                    let expected = haystack.count >= keyword.count
                        ? (0...(haystack.count - keyword.count)).filter { Array(haystack[$0..<($0 + keyword.count)]) == keyword } : []
                    #expect(found[id] == expected, "\(lanes) lanes: \(haystack) \(keyword)")
                }
            }
        }
        // The extractors' keywords on the fixture pages' text.
        let keywords = (EducationPatterns.keywords + ContactExtractor.phoneWindow.keywords
            + CredentialPatterns.patterns.flatMap(\.window.keywords) + ["licen", "a", "de", "ó"]).map { Array($0.utf8) }
        let automaton = KeywordAutomaton(keywords: keywords)
        var total = 0
        for blocks in Self.pageBlocks() {
            let text = Array(blocks.map(\.text).joined(separator: "\n").lowercased().utf8)
            let found = text.withUnsafeBytes { automaton.occurrences(in: $0) }
            for (id, keyword) in keywords.enumerated() {
                var expected: [Int] = []
                var from = 0
                while from < text.count,
                    let at = text.withUnsafeBytes({ raw in raw.baseAddress.flatMap { TextIndex.find(keyword, in: $0 + from, count: raw.count - from) } })
                {
                    expected.append(from + at)
                    from += at + 1
                }
                #expect(found[id] == expected, "\(String(decoding: keyword, as: UTF8.self))")
                total += expected.count
            }
        }
        #expect(total > 1000, "the comparison saw occurrences: \(total)")
    }

    @Test("hidden elements and quotation widgets are told apart by their attributes")
    func attributes() throws {
        let html = """
            <html><body>
            <p style="DISPLAY : None">hidden by style</p><p hidden>hidden attribute</p><p aria-hidden="TRUE">aria</p>
            <p style="visibility: hidden">invisible</p><p style="color:red">shown one</p>
            <div class="wp-block Testimonial-card"><p>quoted one</p></div><div class="preview-pane"><p>not quoted</p></div>
            <div class="x review-item"><p>quoted two</p></div><div class="h-cite"><p>quoted three</p></div>
            <div class="commentary"><p>not quoted either</p></div>
            </body></html>
            """
        let document = try #require(HTMLDocument(data: Data(html.utf8), url: "https://fixture.test/", encoding: "UTF-8"))
        let blocks = document.visibleTextBlocks()
        #expect(blocks.map(\.text) == ["shown one", "quoted one", "not quoted", "quoted two", "quoted three", "not quoted either"])
        #expect(blocks.filter(\.quoted).map(\.text) == ["quoted one", "quoted two", "quoted three"])
    }

    @Test("a memo answers from its table up to its capacity, and works answers out past it")
    func memo() {
        let memo = Memo<String, Int?>(capacity: 2)
        var computed = 0
        func ask(_ key: String) -> Int? {
            memo.value(for: key) {
                computed += 1
                return key == "none" ? nil : key.count
            }
        }
        #expect(ask("none") == nil && ask("none") == nil)  // a remembered nil is an answer too
        #expect(ask("abc") == 3 && ask("abc") == 3)
        #expect(computed == 2)
        #expect(ask("abcd") == 4 && ask("abcd") == 4)  // past the capacity: worked out each time
        #expect(computed == 4)
    }

    @Test("a credential's issuer is the first known word its name holds")
    func issuers() {
        var names = ["Google Analytics", "QUICKBOOKS Online ProAdvisor", "Meta Blueprint", "Metaverse Basics", "HubSpot Inbound",
            "Certificación en Shopify", "Curso de Excel", "Asana & Zapier", "", "ClickUp Expert", "Xero Advisor Certification"]
        names += CredentialPatterns.knownIssuers.map { "Certified " + $0.0.uppercased() + "x" }
        for name in names {
            let lower = (name.lowercased() + " ")
            let expected = CredentialPatterns.knownIssuers.first { lower.contains($0.0) }?.1
            #expect(CredentialPatterns.issuer(for: name) == expected, "\(name)")
        }
    }

    @Test("class tests read the class list as splitting it on white space would")
    func classes() throws {
        let html = """
            <html><body><div class="h-card"><p class=" p-name  h-resume ">a</p><p class="h-cardx h-card-x">b</p>
            <p class="H-CARD">c</p><p class="x&#9;h-resume&#10;y">d</p><p class="">e</p><p>f</p><p class="h-resume h-card">g</p></div></body></html>
            """
        let documents = [try #require(HTMLDocument(data: Data(html.utf8), url: "https://fixture.test/", encoding: "UTF-8"))] + Self.pageDocuments()
        var found = 0
        for document in documents {
            for node in document.elements {
                let tokens = (document.attribute("class", of: node) ?? "").split(whereSeparator: { " \t\n\r\u{0C}".contains($0) }).map(String.init)
                let both = document.hasClasses("h-card", "h-resume", node)
                #expect(both.0 == tokens.contains("h-card") && both.1 == tokens.contains("h-resume"))
                #expect(document.hasClass("p-name", node) == tokens.contains("p-name"))
                if both.0 || both.1 { found += 1 }
            }
        }
        #expect(found >= 5, "elements with the classes: \(found)")
    }

    @Test("the year remembered for the minute is the calendar's year")
    func currentYear() async throws {
        let calendarYear = { Calendar(identifier: .gregorian).component(.year, from: Date()) }
        let before = calendarYear()
        // Asked from many tasks at once: each answer is the calendar's (the minute's may
        // turn between the two readings, and with it, once a year, the year).
        let answers = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<64 { group.addTask { Patterns.currentYear } }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        let after = calendarYear()
        #expect(answers.allSatisfy { $0 == before || $0 == after }, "\(answers)")
    }
}

/// The store's claims reader against JSONDecoder.
@Suite("claims read back from the store")
struct ClaimsReaderTests {
    @Test("claims read back by ClaimsReader are those JSONDecoder reads, and what it cannot read it refuses")
    func claimsReader() throws {
        let decoder = JSONDecoder()
        decoder.userInfo[ClaimValue.jsonDecoding] = true
        // Every claim the fixture pages yield.
        var all: [Claim] = []
        for folder in ["Fixtures/tests/extract/pages", "Fixtures/sample/sites"] {
            let root = FixturePaths.path(folder)
            let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".html") } ?? []
            for file in files.sorted() {
                let data = try #require(FileManager.default.contents(atPath: "\(root)/\(file)"))
                let claims = PageExtractor().extract(body: data, contentType: nil, url: "https://fixture.test/\(file)", origin: .website).claims
                let json = try #require(EncodedClaims.encode(claims))
                #expect(ClaimsReader.claims(from: json) == (try decoder.decode([Claim].self, from: json)), "\(file)")
                #expect(ClaimsReader.claims(from: json) == claims, "\(file)")
                all += claims
            }
        }
        #expect(all.count > 200)
        #expect(all.contains { if case .degree = $0.value { true } else { false } }, "structured values are covered")
        // Awkward text: escapes, quotes, slashes, controls, astral characters, numbers as text.
        let texts = ["say \"hi\" \\ back", "a/b\\c", "tab\there\nnew\u{1}\u{1F}", "😀 𝔘𝔫𝔦 niño", "8", "-3", "{\"x\":[1]}", "", "\u{7F}\u{2028}"]
        let awkward = texts.map { Claim(kind: .skill, value: .text($0), origin: .profile, url: "https://p.test/?q=\"\($0)\"", excerpt: $0, locator: "/a[1]") }
            + [Claim(kind: .experienceYears, value: .number(-12), origin: .selfReport, url: "", excerpt: "", locator: "")]
        let json = try #require(EncodedClaims.encode(awkward))
        #expect(ClaimsReader.claims(from: json) == awkward)
        #expect(ClaimsReader.claims(from: Data("[]".utf8)) == [])
        // What it does not read it refuses, for JSONDecoder to decide: other spacing, other keys,
        // a fraction, a lone surrogate, a truncation, trailing bytes.
        let claim = String(decoding: try #require(EncodedClaims.encode([awkward[0]])), as: UTF8.self)
        for refused in [
            "[ ]", claim.replacingOccurrences(of: ":", with: " : "), claim.replacingOccurrences(of: "\"kind\"", with: "\"sort\""),
            claim.replacingOccurrences(of: "\"skill\"", with: "\"skills\""), #"[{"value":1.5}]"#, claim.replacingOccurrences(of: #""/a[1]""#, with: #""\ud800x""#),
            String(claim.dropLast()), claim + " ", claim + "]",
        ] {
            #expect(ClaimsReader.claims(from: Data(refused.utf8)) == nil, "\(refused)")
        }
    }
}

extension FastPathTests {
    @Test("a string searched on its UTF-8 bytes is found where Foundation finds it; a count stops early and agrees")
    func utf8Search() {
        var generator = SeededGenerator(seed: 12)
        for _ in 0..<3000 {
            let haystack = String(decoding: Self.randomBytes("eax/ -·", count: 0...30, using: &generator), as: UTF8.self)
            let needle = String(decoding: Self.randomBytes("eax/ -·", count: 1...5, using: &generator), as: UTF8.self)
            #expect(haystack.utf8Range(of: needle) == haystack.range(of: needle), "\(haystack.debugDescription) \(needle.debugDescription)")
            let part = haystack.dropFirst(2)
            #expect(part.utf8Range(of: needle) == part.range(of: needle), "\(part.debugDescription) \(needle.debugDescription)")
            for n in [0, 1, 5, 12, 29, 30, 31] { #expect(haystack.hasAtLeast(n) == (haystack.count >= n)) }
        }
        #expect("/html/body/blockquote[2]/p[1]".utf8Range(of: "/blockquote").map { "/html/body/blockquote[2]/p[1]"[..<$0.upperBound] } == "/html/body/blockquote")
        #expect("e\u{301}".hasAtLeast(2) == false)
    }
}

extension FastPathTests {
    @Test("the plainest hrefs resolve on their bytes to what Foundation's URL resolves them to")
    func plainResolution() {
        // Every href of the fixture pages, against each page as if it were at a plain URL and at
        // one with a port (whose hrefs starting with "/" are Foundation's to resolve).
        var hrefs: [String] = []
        for document in Self.pageDocuments() {
            for node in document.elements {
                if let href = document.attribute("href", of: node) { hrefs.append(href.trimmingSpacesAndNewlines()) }
            }
        }
        let fixtureCount = hrefs.count
        // Dot segments, plain and percent-encoded (Foundation removes the first from a path it
        // resolves, keeps the second, and keeps both in an absolute URL), and other edges.
        hrefs += [
            "/a/%2e%2e/b", "/a/%2E%2E/b", "/a/.%2e/b", "/%2e%2e", "/a?b/../c", "/a#b/../c", "/a/./b", "/a/../b", "/..", "/.", "/a/.",
            "https://x.com/a/../b", "https://x.com/a/./b", "https://x.com/a/%2e%2e/b", "https://x.com/a#b#c", "https://x.com#", "https://x.com?",
        ]
        var generator = SeededGenerator(seed: 13)
        let starts = [
            "https://x.com", "http://a-b.example", "https://X.COM", "HTTPS://x.com", "https://", "/", "//", "", "https://x.com:8080", "https://u@x.com",
            "https:/\u{301}/x.com", "https://\u{301}x.com", "/\u{301}",
        ]
        for _ in 0..<4000 {
            let tail = String(decoding: Self.randomBytes("a/.?#%2F:@!$&'()*+,;=~_- é[]|\"\u{301}", count: 0...12, using: &generator), as: UTF8.self)
            hrefs.append(starts.randomElement(using: &generator)! + tail)
        }
        var plainFixtures = 0
        for page in ["https://bench.test/dir/page.html", "https://bench.test", "http://www.example.org/a/b/?q=1#top", "https://bench.test:8443/x"] {
            let base = URL(string: page)!
            let origin = HTMLDocument.plainOrigin(of: page)
            #expect((origin == nil) == page.contains(":8443"), "\(page)")
            for (i, href) in hrefs.enumerated() {
                guard let fast = HTMLDocument.plainResolution(of: href, origin: origin) else { continue }
                if i < fixtureCount && page == "https://bench.test/dir/page.html" { plainFixtures += 1 }
                #expect(fast == URL(string: href, relativeTo: base)?.absoluteURL.absoluteString, "\(href.debugDescription) on \(page)")
            }
        }
        // Most of the pages' own hrefs take the plain way: the test compares something.
        #expect(plainFixtures * 2 > fixtureCount)
    }
}

extension FastPathTests {
    @Test("percent-decoding gives what Foundation's removingPercentEncoding gives")
    func percentDecoding() {
        var generator = SeededGenerator(seed: 14)
        let pieces = ["%", "%2F", "%C3%A9", "%c3%a9", "%E9", "%41", "%zz", "%4", "a", "/", "é", " ", "%F0%9F%98%80", "%00", "%ED%A0%80"]
        var native = 0
        for _ in 0..<4000 {
            let text = (0..<Int.random(in: 0...6, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(text.percentDecoded == text.removingPercentEncoding, "\(text.debugDescription)")
            if text.utf8.contains(0x25), let decoded = text.percentDecoded, !decoded.utf8.contains(0x25) { native += 1 }
        }
        for text in ["/sobre-m%C3%AD/", "%E9t%E9", "%", "%2", "%zz", "100%", "a%00b", "mailto%3Aana%40example.com", "ana%40example.com"] {
            #expect(text.percentDecoded == text.removingPercentEncoding, "\(text)")
        }
        #expect(native > 500)
    }
}
