import Foundation
import HuellaCore

/// Evaluates rules over an assistant's claims. Pure and synchronous: the same subject and
/// rules always give the same findings, in the same order.
public struct RuleEngine: Sendable {
    public let rules: [Rule]
    public let language: MessageLanguage
    /// The year "now" is, for spans and staleness (fixed in tests).
    public let currentYear: Int

    public init(rules: [Rule], language: MessageLanguage = .en, currentYear: Int? = nil) {
        self.rules = rules
        self.language = language
        self.currentYear = currentYear ?? Calendar(identifier: .gregorian).component(.year, from: Date())
    }

    public func evaluate(_ subject: AuditSubject) -> [Finding] {
        rules.filter(\.isEnabled).flatMap { findings(of: $0, on: subject) }.sorted {
            ($1.severity, $0.rule, $0.fingerprint) < ($0.severity, $1.rule, $1.fingerprint)
        }
    }

    /// One rule's findings on a subject.
    public func findings(of rule: Rule, on subject: AuditSubject) -> [Finding] {
        let raw: [Raw]
        switch rule.check {
        case .compare(let kind, let aspect, let tolerance):
            raw = compare(kind, aspect: aspect, tolerance: tolerance, in: subject)
        case .contradiction(let kind):
            raw = contradiction(kind, in: subject)
        case .timeline(let check, let tolerance, let minimumAge):
            raw = timeline(check, tolerance: tolerance, minimumAge: minimumAge, in: subject)
        case .unsupported(let kind):
            raw = unsupported(kind, in: subject)
        case .missing(let kinds, let role):
            raw = missing(kinds, role: role, in: subject)
        case .pattern(let kind, let unless):
            raw = pattern(kind, unless: unless, in: subject)
        case .reciprocity:
            raw = reciprocity(in: subject)
        case .stale(let years):
            raw = stale(years: years, in: subject)
        case .noWebsite:
            raw = noWebsite(in: subject)
        case .sourceOutcome(let role, let outcomes):
            raw = sourceOutcome(role: role, outcomes: outcomes, in: subject)
        case .plainHTTP(let role):
            raw = plainHTTP(role: role, in: subject)
        }
        return raw.map { finding(rule, subject, $0) }
    }

    /// A finding before it is worded: what it is about, the values for the message, the evidence.
    struct Raw {
        var subjectKey: [String]
        var values: [String: String]
        var evidence: [Evidence]
        /// The sources the finding depends on that could not be read.
        var unread: [Source] = []
    }

    private func finding(_ rule: Rule, _ subject: AuditSubject, _ raw: Raw) -> Finding {
        var values = raw.values
        var severity = rule.severity
        var message = rule.message.text(in: language)
        let coverage = raw.unread.map { "\(SourceLabel.key($0.url)) (\($0.outcome.rawValue))" }.joined(separator: ", ")
        values["coverage"] = coverage
        // A finding that rests on missing evidence, where some evidence could not be read,
        // is only a note, and it says what was not read.
        if rule.check.restsOnAbsence && !raw.unread.isEmpty {
            severity = .note
            if !message.contains("{coverage}") {
                message += language == .es ? " (sin leer: {coverage})" : " (not read: {coverage})"
            }
        }
        return Finding(
            rule: rule.id, category: rule.category, severity: severity, message: Self.fill(message, with: values),
            ethicsClause: rule.ethics, fingerprint: Fingerprint.of([subject.assistantID, rule.id] + raw.subjectKey),
            evidence: raw.evidence)
    }

    /// A disagreement between two claims, worded with both sources.
    func disagreement(_ reference: Claim, _ other: Claim, extra: [String: String] = [:], claimed: String? = nil, found: String? = nil)
        -> Raw
    {
        var values = extra
        values["claimed"] = claimed ?? reference.value.text
        values["claimedSource"] = SourceLabel.describe(reference, language: language)
        values["found"] = found ?? other.value.text
        values["source"] = SourceLabel.describe(other, language: language)
        return Raw(
            subjectKey: [reference.kind.rawValue, SourceLabel.sourceKey(reference), SourceLabel.sourceKey(other)],
            values: values, evidence: [Evidence(claim: reference), Evidence(claim: other)])
    }

    /// Replaces `{name}` placeholders with their values.
    static func fill(_ template: String, with values: [String: String]) -> String {
        // One pass over the template; a value is not searched again for placeholders. Braces
        // are found on UTF-8 (ASCII bytes, so the indices are the string's own).
        var out = ""
        var rest = template[...]
        while let open = rest.utf8.firstIndex(of: UInt8(ascii: "{")) {
            let afterOpen = rest.utf8.index(after: open)
            guard let close = rest.utf8[afterOpen...].firstIndex(of: UInt8(ascii: "}")) else { break }
            out += rest[..<open]
            let name = String(rest[afterOpen..<close])
            if let value = values[name] {
                out += value
                rest = rest[rest.index(after: close)...]
            } else {
                out += "{"
                rest = rest[afterOpen...]
            }
        }
        return out + rest
    }
}
