import HuellaCore
import HuellaStore

/// Marks findings new or unchanged against a previous run of the same input, and lists
/// what that run found and this one no longer does. Only fingerprints decide identity.
public struct Baseline: Sendable {
    public let runID: Int64?
    private let previous: [String: [String: StoredFinding]]
    private let previousAssistants: Set<String>

    /// The baseline is `explicit` if given, else the last finished run over the same input.
    public init(store: StateStore, inputKey: String, currentRun: Int64, explicit: Int64? = nil) {
        let chosen = explicit ?? store.previousRun(inputKey: inputKey, before: currentRun)
        runID = chosen
        var byAssistant: [String: [String: StoredFinding]] = [:]
        if let chosen {
            for finding in store.findings(runID: chosen) { byAssistant[finding.assistantID, default: [:]][finding.fingerprint] = finding }
            previousAssistants = store.assistantIDs(runID: chosen)
        } else {
            previousAssistants = []
        }
        previous = byAssistant
    }

    /// No earlier run: every finding is new.
    public init() {
        runID = nil
        previous = [:]
        previousAssistants = []
    }

    public func mark(_ result: AssistantResult) -> AssistantResult {
        var marked = result
        let before = previous[result.id] ?? [:]
        marked.findings = result.findings.map { finding in
            var f = finding
            f.baseline = before[finding.fingerprint] == nil ? .new : .unchanged
            return f
        }
        return marked
    }

    /// Findings of the baseline that this run no longer has, for assistants this run audited
    /// in full (an assistant cut short or not reached resolves nothing).
    public func resolved(in results: [AssistantResult]) -> [ResolvedFinding] {
        var gone: [ResolvedFinding] = []
        for result in results where result.state == .complete && previousAssistants.contains(result.id) {
            let now = Set(result.findings.map(\.fingerprint))
            for (fingerprint, old) in (previous[result.id] ?? [:]).sorted(by: { $0.key < $1.key }) where !now.contains(fingerprint) {
                gone.append(
                    ResolvedFinding(
                        assistantID: result.id, fingerprint: fingerprint, rule: old.rule, category: old.category,
                        severity: Severity(rawValue: old.severity) ?? .note, message: old.message))
            }
        }
        return gone
    }
}
