import HuellaCore

extension RuleEngine {
    private static let businessScope = [
        "por mi cuenta", "freelance", "independiente", "autonoma", "autonomo", "mi propio negocio", "mi negocio",
        "on my own", "my own business", "my business", "self-employed", "self employed", "asistente virtual",
        "virtual assistant", "as a va", "como va",
    ]

    private static let businessScopeBytes = businessScope.map { Array($0.utf8) }

    /// Whether an excerpt scopes its date to the VA business rather than the whole career.
    static func isBusinessScope(_ excerpt: String) -> Bool {
        // A plain byte search: the generic `firstRange(of:)` on UTF-8 views was a fifth of the rules' time.
        let text = Array(Folding.fold(excerpt).utf8)
        return businessScopeBytes.contains { phrase in
            guard phrase.count <= text.count else { return false }
            return (0...(text.count - phrase.count)).contains { start in
                text[start] == phrase[0] && text[start..<(start + phrase.count)].elementsEqual(phrase)
            }
        }
    }

    func timeline(_ check: Check.TimelineCheck, tolerance: Int, minimumAge: Int, in subject: AuditSubject) -> [Raw] {
        let positions = subject.claims.compactMap { claim -> (Claim, Position)? in
            guard case .position(let p) = claim.value, let start = p.start, start.year <= currentYear else { return nil }
            return (claim, p)
        }
        let earliest = positions.min { ($0.1.start ?? YearMonth(year: 9999)) < ($1.1.start ?? YearMonth(year: 9999)) }
        switch check {
        case .span:
            // Claimed years against the career the person's own dated positions show.
            guard let (first, position) = earliest, let start = position.start else { return [] }
            let span = currentYear - start.year
            let claims = subject.claims.filter { $0.kind == .experienceYears }
            guard let claimed = claims.max(by: { ($0.value.number ?? 0) < ($1.value.number ?? 0) }), let years = claimed.value.number,
                years > span + tolerance
            else { return [] }
            var raw = disagreement(claimed, first, claimed: String(years), found: String(span))
            raw.values["year"] = String(start.year)
            raw.subjectKey = ["span", SourceLabel.sourceKey(claimed)]
            return [raw]
        case .since:
            // "since 2015" and "N years" on the same page must agree.
            var raws: [Raw] = []
            for since in subject.claims where since.kind == .sinceYear {
                // "Since 2019 I work on my own" dates the business, not the career.
                guard let year = since.value.number, !Self.isBusinessScope(since.excerpt) else { continue }
                let implied = currentYear - year
                let same = subject.claims.filter { $0.kind == .experienceYears && SourceLabel.sourceKey($0) == SourceLabel.sourceKey(since) }
                guard let years = same.max(by: { ($0.value.number ?? 0) < ($1.value.number ?? 0) }), let n = years.value.number,
                    n > implied + tolerance
                else { continue }
                var raw = disagreement(years, since, claimed: String(n), found: String(implied))
                raw.values["year"] = String(year)
                raws.append(raw)
            }
            return raws
        case .childhood:
            guard let (first, position) = earliest, let start = position.start?.year else { return [] }
            if let born = subject.claims.first(where: { $0.kind == .birthYear }), let year = born.value.number,
                start - year < minimumAge
            {
                var raw = disagreement(first, born, claimed: String(start), found: String(year))
                raw.values["year"] = String(year + minimumAge)
                return [raw]
            }
            // Professional work years before the person's own secondary schooling ended.
            let school = subject.claims.first { claim in
                guard case .degree(let d) = claim.value, d.level == .secondary, let y = d.year else { return false }
                return start < y - 2
            }
            if let school, case .degree(let d) = school.value, let y = d.year {
                var raw = disagreement(first, school, claimed: String(start), found: String(y))
                raw.values["year"] = String(y)
                return [raw]
            }
            return []
        }
    }
}
