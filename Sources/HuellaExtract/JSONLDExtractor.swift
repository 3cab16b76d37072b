import Foundation
import HuellaCore

/// Reads schema.org JSON-LD blocks: every block on its own, `@graph`, arrays and nested
/// objects; a block that does not parse becomes a diagnostic and its siblings still count.
struct JSONLDExtractor {
    /// Types that describe the VA (a person) or the VA's business.
    static let subjectTypes: Set<String> = [
        "Person", "Organization", "ProfessionalService", "LocalBusiness",
    ]

    let origin: ClaimOrigin
    let vocabulary: SkillVocabulary

    func extract(from document: HTMLDocument) -> (claims: [Claim], diagnostics: [Diagnostic]) {
        var claims: [Claim] = []
        var diagnostics: [Diagnostic] = []
        let scripts = document.elements(named: "script").filter {
            document.attribute("type", of: $0, contains: "application/ld+json")
        }
        for (index, script) in scripts.enumerated() {
            let locator = "(//script[@type='application/ld+json'])[\(index + 1)]"
            let raw = Self.unwrap(document.text(of: script))
            guard !raw.isEmpty else { continue }
            if let value = JSONValue.parse(raw) {
                var visitor = Visitor(origin: origin, url: document.url, scriptLocator: locator, vocabulary: vocabulary)
                visitor.visit(value, pointer: "")
                claims += visitor.claims
            } else {
                diagnostics.append(
                    Diagnostic(
                        level: .warning, location: "\(document.url) \(locator)",
                        message: "skipped a JSON-LD block that is not valid JSON"))
            }
        }
        return (claims, diagnostics)
    }

    /// Strips the HTML comment and CDATA wrappers some CMSs put around JSON-LD.
    static func unwrap(_ text: String) -> String {
        var s = text.trimmingSpacesAndNewlines()
        for (open, close) in [("<!--", "-->"), ("<![CDATA[", "]]>"), ("//<![CDATA[", "//]]>")] {
            if s.hasPrefix(open) && s.hasSuffix(close) {
                s = String(s.dropFirst(open.count).dropLast(close.count))
                    .trimmingSpacesAndNewlines()
            }
        }
        return s
    }

    /// Walks a JSON-LD value and collects claims from the subject objects it finds.
    private struct Visitor {
        let origin: ClaimOrigin
        let url: String
        let scriptLocator: String
        let vocabulary: SkillVocabulary
        var claims: [Claim] = []
        private var depth = 0

        init(origin: ClaimOrigin, url: String, scriptLocator: String, vocabulary: SkillVocabulary) {
            self.origin = origin
            self.url = url
            self.scriptLocator = scriptLocator
            self.vocabulary = vocabulary
        }

        /// Visits a value; objects nested inside a subject (an employer under `worksFor`)
        /// describe someone else and are not collected.
        mutating func visit(_ value: JSONValue, pointer: String, insideSubject: Bool = false) {
            guard depth < 64 else { return }  // hostile nesting: stop well before the stack does
            depth += 1
            defer { depth -= 1 }
            switch value {
            case .array(let items):
                for (i, item) in items.enumerated() {
                    visit(item, pointer: "\(pointer)/\(i)", insideSubject: insideSubject)
                }
            case .object(let object):
                let isSubject = !Set(value.types).isDisjoint(with: JSONLDExtractor.subjectTypes)
                if isSubject && !insideSubject { collect(from: value, pointer: pointer) }
                for key in object.keys.sorted() where key != "@context" {
                    if let child = object[key] {
                        visit(child, pointer: "\(pointer)/\(Self.escape(key))", insideSubject: insideSubject || isSubject)
                    }
                }
            default:
                break
            }
        }

        private mutating func collect(from subject: JSONValue, pointer: String) {
            let isPerson = subject.types.contains("Person")
            if isPerson, let name = subject["name"]?.string {
                add(.name, .text(name), excerpt: name, pointer: "\(pointer)/name")
            }
            for (i, item) in (subject["sameAs"]?.list ?? []).enumerated() {
                if let link = item.string { add(.sameAs, .text(link), excerpt: link, pointer: "\(pointer)/sameAs/\(i)") }
            }
            if let email = subject["email"]?.string {
                let address = email.replacingOccurrences(of: "mailto:", with: "")
                add(.email, .text(address), excerpt: email, pointer: "\(pointer)/email")
            }
            if let phone = subject["telephone"]?.string {
                add(.phone, .text(ContactExtractor.digits(phone)), excerpt: phone, pointer: "\(pointer)/telephone")
            }
            if let legal = subject["legalName"]?.string {
                add(.legalName, .text(legal), excerpt: legal, pointer: "\(pointer)/legalName")
            }
            for key in ["taxID", "vatID"] {
                if let id = subject[key]?.string {
                    add(.taxID, .text(BusinessPatterns.compact(id)), excerpt: id, pointer: "\(pointer)/\(key)")
                }
            }
            guard isPerson else { return }
            collectPerson(subject, pointer: pointer)
        }

        private mutating func collectPerson(_ subject: JSONValue, pointer: String) {
            if let title = subject["jobTitle"]?.list.first?.string {
                add(.jobTitle, .text(title), excerpt: title, pointer: "\(pointer)/jobTitle")
            }
            if let birth = subject["birthDate"]?.string, let year = YearMonth(birth)?.year {
                add(.birthYear, .number(year), excerpt: birth, pointer: "\(pointer)/birthDate")
            }
            for (i, item) in (subject["knowsAbout"]?.list ?? []).enumerated() {
                guard let skill = item.string ?? item["name"]?.string else { continue }
                // Skills of the vocabulary by their ids; a label that names none, as written.
                let ids = vocabulary.ids(for: skill)
                for id in ids.isEmpty ? [skill] : ids {
                    add(.skill, .text(id), excerpt: skill, pointer: "\(pointer)/knowsAbout/\(i)")
                }
            }
            for (i, item) in (subject["alumniOf"]?.list ?? []).enumerated() {
                guard let school = item.string ?? item["name"]?.string else { continue }
                let degree = Degree(level: nil, field: nil, institution: school, status: .completed, year: nil)
                add(.education, .degree(degree), excerpt: school, pointer: "\(pointer)/alumniOf/\(i)")
            }
            for (i, item) in (subject["hasCredential"]?.list ?? []).enumerated() {
                guard let name = item.string ?? item["name"]?.string else { continue }
                let issuer = item["recognizedBy"]?["name"]?.string ?? item["recognizedBy"]?.string
                let category = (item["credentialCategory"]?.string ?? item["credentialCategory"]?["name"]?.string ?? "").lowercased()
                let excerpt = issuer.map { "\(name) (\($0))" } ?? name
                let at = "\(pointer)/hasCredential/\(i)"
                if category.contains("degree") || category.contains("titul") || category.contains("grado") {
                    let degree = Degree(
                        level: EducationLevel.of(name), name: name, field: EducationLevel.field(in: name), institution: issuer,
                        status: .completed, year: item["dateCreated"]?.string.flatMap { YearMonth($0)?.year })
                    add(.education, .degree(degree), excerpt: excerpt, pointer: at)
                } else {
                    add(.credential, .credential(Credential(name: name, issuer: issuer)), excerpt: excerpt, pointer: at)
                }
            }
            for (i, item) in (subject["knowsLanguage"]?.list ?? []).enumerated() {
                guard let language = item.string ?? item["name"]?.string ?? item["alternateName"]?.string,
                    let code = LanguagePatterns.code(for: language)
                else { continue }
                add(.language, .language(LanguageSkill(code: code, level: nil)), excerpt: language, pointer: "\(pointer)/knowsLanguage/\(i)")
            }
            for key in ["hasOccupation", "worksFor"] {
                for (i, item) in (subject[key]?.list ?? []).enumerated() {
                    guard let start = item["startDate"]?.string.flatMap(YearMonth.init) else { continue }
                    let end = item["endDate"]?.string.flatMap(YearMonth.init)
                    let title = item["roleName"]?.string ?? item["name"]?.string
                    let org = item["worksFor"]?["name"]?.string ?? (key == "worksFor" ? item["name"]?.string : nil)
                    let position = Position(
                        title: key == "worksFor" ? item["roleName"]?.string : title, organization: org, start: start, end: end,
                        current: end == nil)
                    add(.position, .position(position), excerpt: position.description, pointer: "\(pointer)/\(key)/\(i)")
                }
            }
        }

        private mutating func add(_ kind: ClaimKind, _ value: ClaimValue, excerpt: String, pointer: String) {
            claims.append(
                Claim(
                    kind: kind, value: value, origin: origin, url: url, excerpt: excerpt,
                    locator: "\(scriptLocator)#\(pointer)"))
        }

        /// JSON Pointer escaping (RFC 6901).
        static func escape(_ key: String) -> String {
            // Most keys have neither character: Foundation's replacing is dear for nothing.
            guard key.utf8.contains(where: { $0 == 0x7E || $0 == 0x2F }) else { return key }
            return key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
        }
    }
}
