import Foundation
import HuellaCore

extension RuleEngine {
    /// Self-reported claims that no read public source supports.
    func unsupported(_ kind: ClaimKind, in subject: AuditSubject) -> [Raw] {
        let found = subject.publicClaims(kind)
        let unread = subject.unread
        return subject.claims.filter { $0.kind == kind && $0.origin == .selfReport }.compactMap { claim in
            guard !found.contains(where: { Support.supports($0.value, claim.value) }) else { return nil }
            return Raw(
                subjectKey: [kind.rawValue, Support.key(claim.value)], values: ["claimed": claim.value.text],
                evidence: [Evidence(claim: claim)], unread: unread)
        }
    }

    /// None of the kinds appears on any read page of the role.
    func missing(_ kinds: [ClaimKind], role: SourceRole, in subject: AuditSubject) -> [Raw] {
        let pages = subject.sources.filter { $0.role == role }
        guard pages.contains(where: { $0.outcome.wasRead }) else { return [] }
        let origin: ClaimOrigin = role == .website ? .website : .profile
        guard !subject.claims.contains(where: { $0.origin == origin && kinds.contains($0.kind) }) else { return [] }
        let url = subject.website ?? pages[0].url
        return [
            Raw(
                subjectKey: [role.rawValue] + kinds.map(\.rawValue), values: ["url": url],
                evidence: pages.filter(\.outcome.wasRead).map { Evidence(url: $0.url, excerpt: "read; nothing found", locator: "") },
                unread: pages.filter { !$0.outcome.wasRead })
        ]
    }

    /// Advertising patterns on the VA's own pages; with `unless`, only when none of those kinds appears.
    func pattern(_ kind: ClaimKind, unless: [ClaimKind], in subject: AuditSubject) -> [Raw] {
        let own = subject.claims.filter { $0.kind == kind && $0.origin == .website }
        guard !own.isEmpty else { return [] }
        if !unless.isEmpty && subject.claims.contains(where: { $0.origin == .website && unless.contains($0.kind) }) { return [] }
        // One finding per distinct wording, not per repetition.
        var seen: Set<String> = []
        return own.filter { seen.insert($0.value.text.lowercased()).inserted }.map { claim in
            Raw(
                subjectKey: [kind.rawValue, claim.value.text.lowercased()],
                values: ["found": claim.value.text, "source": SourceLabel.describe(claim, language: language), "url": claim.url],
                evidence: [Evidence(claim: claim)])
        }
    }

    /// Declared or discovered profiles that neither link to the website nor are linked from it.
    func reciprocity(in subject: AuditSubject) -> [Raw] {
        guard let website = subject.website else { return [] }
        return Reciprocity.links(of: subject).filter { $0.state == .none }.map { link in
            Raw(
                subjectKey: ["reciprocity", SourceLabel.key(link.profile)],
                values: ["profile": SourceLabel.key(link.profile), "url": website, "state": link.state.rawValue],
                evidence: [
                    Evidence(url: website, excerpt: "no link to \(SourceLabel.key(link.profile))", locator: ""),
                    Evidence(url: link.profile, excerpt: "no link to \(SourceLabel.key(website))", locator: ""),
                ])
        }
    }

    /// The website's newest copyright year is `years` or more behind.
    func stale(years: Int, in subject: AuditSubject) -> [Raw] {
        let marks = subject.claims.filter { $0.kind == .copyrightYear && $0.origin == .website }
        guard let newest = marks.max(by: { ($0.value.number ?? 0) < ($1.value.number ?? 0) }), let year = newest.value.number,
            currentYear - year >= years
        else { return [] }
        return [
            Raw(
                subjectKey: ["stale"], values: ["year": String(year), "url": newest.url, "years": String(currentYear - year)],
                evidence: [Evidence(claim: newest)])
        ]
    }

    /// No website declared, or the declared site is a parked or placeholder page.
    func noWebsite(in subject: AuditSubject) -> [Raw] {
        guard let website = subject.website else {
            return [Raw(subjectKey: ["no-website"], values: ["url": "", "reason": language == .es ? "no declara sitio web" : "no website declared"], evidence: [])]
        }
        guard let parked = subject.claims.first(where: { $0.kind == .parked && $0.origin == .website }) else { return [] }
        return [
            Raw(
                subjectKey: ["parked"], values: ["url": website, "reason": parked.value.text],
                evidence: [Evidence(claim: parked)])
        ]
    }

    func sourceOutcome(role: SourceRole, outcomes: [FetchOutcome], in subject: AuditSubject) -> [Raw] {
        subject.sources.filter { $0.role == role && outcomes.contains($0.outcome) }.map { source in
            Raw(
                subjectKey: [source.role.rawValue, SourceLabel.key(source.url)],
                values: [
                    "url": source.url, "outcome": source.outcome.rawValue, "status": source.status.map(String.init) ?? "none",
                    "role": source.role.rawValue,
                ],
                evidence: [Evidence(url: source.url, excerpt: source.error ?? source.outcome.rawValue, locator: "")])
        }
    }

    /// A page served over http, or a contact form on the VA's pages that posts over http.
    func plainHTTP(role: SourceRole, in subject: AuditSubject) -> [Raw] {
        var raws = subject.sources.filter { $0.role == role && $0.outcome.wasRead }.compactMap { source -> Raw? in
            let served = source.finalURL ?? source.url
            guard served.lowercased().hasPrefix("http://") else { return nil }
            return Raw(
                subjectKey: [source.role.rawValue, SourceLabel.key(source.url)], values: ["url": served, "role": source.role.rawValue],
                evidence: [Evidence(url: served, excerpt: "served over plain http", locator: "")])
        }
        if role == .website {
            let insecureForms = subject.claims.filter {
                $0.kind == .contactForm && $0.origin == .website && $0.value.text.lowercased().hasPrefix("http://")
                    && !$0.url.lowercased().hasPrefix("http://")
            }
            for form in insecureForms {
                raws.append(
                    Raw(
                        subjectKey: ["form", SourceLabel.key(form.value.text)], values: ["url": form.value.text, "role": "form"],
                        evidence: [Evidence(claim: form)]))
            }
        }
        return raws
    }
}

/// Whether a public claim supports a self-reported one.
enum Support {
    static func supports(_ found: ClaimValue, _ claimed: ClaimValue) -> Bool {
        switch (found, claimed) {
        case (.degree(let a), .degree(let b)):
            // Same level, or the same institution when a source gives no level (JSON-LD alumniOf).
            if let la = a.level, let lb = b.level, la == lb {
                return a.institution == nil || b.institution == nil
                    || InstitutionName(a.institution ?? "").isCompatible(with: InstitutionName(b.institution ?? ""))
            }
            if a.level == nil, let ia = a.institution, let ib = b.institution {
                return InstitutionName(ia).isCompatible(with: InstitutionName(ib))
            }
            return false
        case (.credential(let a), .credential(let b)): return CredentialMatch.same(a.name, b.name)
        case (.language(let a), .language(let b)): return a.code == b.code
        case (.text(let a), .text(let b)):
            return fold(a) == fold(b)
        default: return found == claimed
        }
    }

    static func key(_ value: ClaimValue) -> String {
        switch value {
        case .degree(let d): [d.level?.rawValue, d.institution.map { InstitutionName($0).words.joined(separator: " ") }].compactMap { $0 }.joined(separator: "|")
        case .credential(let c): PersonName.key(c.name)
        case .language(let l): l.code
        default: fold(value.text)
        }
    }

    static func fold(_ text: String) -> String {
        Folding.fold(text).trimmingCharacters(in: .whitespaces)
    }
}
