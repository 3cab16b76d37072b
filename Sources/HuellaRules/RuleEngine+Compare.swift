import HuellaCore

extension RuleEngine {
    /// Claims of a kind grouped by source, the reference source first: the self-report
    /// when there is one, else the website.
    func bySource(_ kind: ClaimKind, in subject: AuditSubject) -> (reference: [Claim], others: [[Claim]])? {
        var groups: [(key: String, claims: [Claim])] = []
        for claim in subject.claims where claim.kind == kind {
            let key = SourceLabel.sourceKey(claim)
            if let i = groups.firstIndex(where: { $0.key == key }) {
                groups[i].claims.append(claim)
            } else {
                groups.append((key, [claim]))
            }
        }
        guard
            let ref = groups.firstIndex(where: { $0.claims[0].origin == .selfReport })
                ?? groups.firstIndex(where: { $0.claims[0].origin == .website })
        else { return nil }
        return (groups[ref].claims, groups.enumerated().filter { $0.offset != ref }.map(\.element.claims))
    }

    func compare(_ kind: ClaimKind, aspect: Check.Aspect?, tolerance: Int, in subject: AuditSubject) -> [Raw] {
        guard let (reference, others) = bySource(kind, in: subject) else { return [] }
        switch (kind, aspect) {
        case (.name, _):
            guard let ref = reference.first else { return [] }
            return others.compactMap { group in
                // A source that gives several names is fine if any of them is compatible.
                guard let first = group.first,
                    !group.contains(where: { PersonName(ref.value.text).isCompatible(with: PersonName($0.value.text)) })
                else { return nil }
                return disagreement(ref, first)
            }
        case (.education, .level?):
            return educationLevels(reference, others)
        case (.education, .institution?):
            return institutions(reference, others)
        case (.credential, _):
            return issuers(reference, others)
        default:
            // Numbers: a source that states several figures claims its largest.
            guard let ref = reference.max(by: { ($0.value.number ?? 0) < ($1.value.number ?? 0) }), let a = ref.value.number
            else { return [] }
            return others.compactMap { group in
                guard let other = group.max(by: { ($0.value.number ?? 0) < ($1.value.number ?? 0) }), let b = other.value.number,
                    abs(a - b) > tolerance
                else { return nil }
                return disagreement(ref, other, extra: ["tolerance": String(tolerance)])
            }
        }
    }

    /// The highest degree level a source states, against the highest another states.
    private func educationLevels(_ reference: [Claim], _ others: [[Claim]]) -> [Raw] {
        func highest(_ claims: [Claim]) -> (Claim, Degree)? {
            claims.compactMap { claim -> (Claim, Degree)? in
                guard case .degree(let d) = claim.value, d.level != nil, d.level != .nonDegree, d.status == .completed else { return nil }
                return (claim, d)
            }.max { ($0.1.level ?? .nonDegree) < ($1.1.level ?? .nonDegree) }
        }
        guard let (refClaim, refDegree) = highest(reference), let refLevel = refDegree.level else { return [] }
        return others.compactMap { group in
            guard let (claim, degree) = highest(group), let level = degree.level, level != refLevel else { return nil }
            return disagreement(refClaim, claim, claimed: refLevel.rawValue, found: level.rawValue)
        }
    }

    /// Institutions named for degrees: every institution one source names should appear in another that names any.
    private func institutions(_ reference: [Claim], _ others: [[Claim]]) -> [Raw] {
        func schools(_ claims: [Claim]) -> [(Claim, String)] {
            claims.compactMap { claim in
                guard case .degree(let d) = claim.value, let school = d.institution, d.level != .nonDegree else { return nil }
                return (claim, school)
            }
        }
        let ref = schools(reference)
        return others.flatMap { group -> [Raw] in
            let theirs = schools(group)
            guard !theirs.isEmpty else { return [] }
            let names = theirs.map { InstitutionName($0.1) }
            return ref.compactMap { claim, school in
                let name = InstitutionName(school)
                guard !names.contains(where: { $0.isCompatible(with: name) }), let other = theirs.first else {
                    return nil
                }
                return disagreement(claim, other.0, claimed: school, found: other.1)
            }
        }
    }

    /// The same certification named with a different issuer.
    private func issuers(_ reference: [Claim], _ others: [[Claim]]) -> [Raw] {
        let all = others.flatMap { $0 }
        return reference.flatMap { claim -> [Raw] in
            guard case .credential(let mine) = claim.value, let myIssuer = mine.issuer else { return [] }
            return all.compactMap { other in
                guard case .credential(let theirs) = other.value, let theirIssuer = theirs.issuer,
                    CredentialMatch.same(mine.name, theirs.name), !CredentialMatch.sameIssuer(myIssuer, theirIssuer)
                else { return nil }
                return disagreement(claim, other, claimed: "\(mine.name) (\(myIssuer))", found: "\(theirs.name) (\(theirIssuer))")
            }
        }
    }

    /// A degree stated complete in one source and in progress in another.
    func contradiction(_ kind: ClaimKind, in subject: AuditSubject) -> [Raw] {
        let degrees = subject.claims.compactMap { claim -> (Claim, Degree)? in
            guard claim.kind == kind, case .degree(let d) = claim.value, d.level != nil, d.level != .nonDegree else { return nil }
            return (claim, d)
        }
        var raws: [Raw] = []
        for (complete, a) in degrees where a.status == .completed {
            for (progress, b) in degrees where b.status == .inProgress && a.level == b.level {
                guard SourceLabel.sourceKey(complete) != SourceLabel.sourceKey(progress) else { continue }
                let sameSchool = a.institution == nil || b.institution == nil
                    || InstitutionName(a.institution ?? "").isCompatible(with: InstitutionName(b.institution ?? ""))
                if sameSchool { raws.append(disagreement(complete, progress)) }
            }
        }
        return raws
    }
}

/// Whether two certification names or issuers denote the same thing.
enum CredentialMatch {
    /// Most words of the shorter name appear in the longer one; a word may be shortened
    /// ("Admin" for "Administrator").
    static func same(_ a: String, _ b: String) -> Bool {
        let x = PersonName(a).tokens.filter { !Credential.genericWords.contains($0) }
        let y = PersonName(b).tokens.filter { !Credential.genericWords.contains($0) }
        guard !x.isEmpty, !y.isEmpty else { return false }
        let (short, long) = x.count <= y.count ? (x, y) : (y, x)
        let shared = short.filter { word in long.contains { $0 == word || (word.count >= 3 && $0.hasPrefix(word)) || ($0.count >= 3 && word.hasPrefix($0)) } }
        return Double(shared.count) / Double(short.count) >= 0.75
    }

    static func sameIssuer(_ a: String, _ b: String) -> Bool {
        let x = PersonName.key(a)
        let y = PersonName.key(b)
        return x.contains(y) || y.contains(x)
    }
}
