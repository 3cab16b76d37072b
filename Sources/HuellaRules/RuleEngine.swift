import Foundation
import HuellaCore

/// Evaluates rules over an assistant's claims. Pure and synchronous: the same subject and
/// rules always give the same findings, in the same order.
public struct RuleEngine: Sendable {
    public let rules: [Rule]
    public let language: MessageLanguage

    public init(rules: [Rule], language: MessageLanguage = .en) {
        self.rules = rules
        self.language = language
    }

    public func evaluate(_ subject: AuditSubject) -> [Finding] {
        rules.filter(\.isEnabled).flatMap { findings(of: $0, on: subject) }.sorted {
            ($1.severity, $0.rule, $0.fingerprint) < ($0.severity, $1.rule, $1.fingerprint)
        }
    }

    private func findings(of rule: Rule, on subject: AuditSubject) -> [Finding] {
        switch rule.check {
        case .compareNumber(let kind, let tolerance):
            return comparisons(of: kind, in: subject).compactMap { reference, other in
                guard let a = reference.value.number, let b = other.value.number, abs(a - b) > tolerance else {
                    return nil
                }
                return disagreement(rule, subject, reference, other, extra: ["tolerance": String(tolerance)])
            }
        case .compareName:
            return comparisons(of: .name, in: subject).compactMap { reference, other in
                PersonName(reference.value.text).isCompatible(with: PersonName(other.value.text))
                    ? nil : disagreement(rule, subject, reference, other, extra: [:])
            }
        case .sourceOutcome(let role, let outcomes):
            return subject.sources.filter { $0.role == role && outcomes.contains($0.outcome) }.map { source in
                let status = source.status.map(String.init) ?? "none"
                return finding(
                    rule, subject, subjectKey: [source.role.rawValue, SourceLabel.key(source.url)],
                    values: ["url": source.url, "outcome": source.outcome.rawValue, "status": status, "role": source.role.rawValue],
                    evidence: [Evidence(url: source.url, excerpt: source.error ?? source.outcome.rawValue, locator: "")])
            }
        case .plainHTTP(let role):
            return subject.sources.filter { $0.role == role && $0.outcome.wasRead }.compactMap { source in
                let served = source.finalURL ?? source.url
                guard served.lowercased().hasPrefix("http://") else { return nil }
                return finding(
                    rule, subject, subjectKey: [source.role.rawValue, SourceLabel.key(source.url)],
                    values: ["url": served, "role": source.role.rawValue],
                    evidence: [Evidence(url: served, excerpt: "served over plain http", locator: "")])
            }
        }
    }

    /// Pairs (reference claim, other source's claim) for a kind: the reference is the
    /// self-report when there is one, else the website; one representative claim per source.
    private func comparisons(of kind: ClaimKind, in subject: AuditSubject) -> [(Claim, Claim)] {
        var perSource: [(key: String, claim: Claim)] = []
        for claim in subject.claims where claim.kind == kind {
            let key = SourceLabel.sourceKey(claim)
            if let index = perSource.firstIndex(where: { $0.key == key }) {
                // A page that states several figures: its largest is its claim.
                if let n = claim.value.number, let m = perSource[index].claim.value.number, n > m {
                    perSource[index].claim = claim
                }
            } else {
                perSource.append((key, claim))
            }
        }
        let reference =
            perSource.first { $0.claim.origin == .selfReport } ?? perSource.first { $0.claim.origin == .website }
        guard let reference else { return [] }
        return perSource.filter { $0.key != reference.key }.map { (reference.claim, $0.claim) }
    }

    private func disagreement(
        _ rule: Rule, _ subject: AuditSubject, _ reference: Claim, _ other: Claim, extra: [String: String]
    ) -> Finding {
        var values = extra
        values["claimed"] = reference.value.text
        values["claimedSource"] = SourceLabel.describe(reference, language: language)
        values["found"] = other.value.text
        values["source"] = SourceLabel.describe(other, language: language)
        return finding(
            rule, subject, subjectKey: [reference.kind.rawValue, SourceLabel.sourceKey(reference), SourceLabel.sourceKey(other)],
            values: values, evidence: [Evidence(claim: reference), Evidence(claim: other)])
    }

    private func finding(
        _ rule: Rule, _ subject: AuditSubject, subjectKey: [String], values: [String: String], evidence: [Evidence]
    ) -> Finding {
        Finding(
            rule: rule.id, category: rule.category, severity: rule.severity,
            message: Self.fill(rule.message.text(in: language), with: values), ethicsClause: rule.ethics,
            fingerprint: Fingerprint.of([subject.assistantID, rule.id] + subjectKey), evidence: evidence)
    }

    /// Replaces `{name}` placeholders with their values.
    static func fill(_ template: String, with values: [String: String]) -> String {
        values.reduce(template) { text, pair in text.replacingOccurrences(of: "{\(pair.key)}", with: pair.value) }
    }
}
