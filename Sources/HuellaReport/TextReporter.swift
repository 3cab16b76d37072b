import Foundation
import HuellaCore

/// A readable summary for a terminal: per VA, findings by severity with one line of evidence.
public struct TextReporter: Reporter {
    public let colour: Bool
    public var identifier: String { "text" }

    public init(colour: Bool) { self.colour = colour }

    public func streamed(_ assistant: AssistantResult) -> Data? { nil }

    public func finish(_ run: RunResult) -> Data {
        var out = ""
        for assistant in run.assistants {
            let read = assistant.sources.filter { $0.outcome.wasRead }.count
            out += bold("\(assistant.id)  \(assistant.name ?? "(no name)")")
            out += "  sources read \(read)/\(assistant.sources.count)\n"
            for source in assistant.sources where !source.outcome.wasRead {
                out += "  source \(source.outcome.rawValue): \(source.url)\(source.error.map { " (\($0))" } ?? "")\n"
            }
            if assistant.findings.isEmpty { out += "  no findings\n" }
            for finding in assistant.findings {
                out += "  \(paint(finding.severity)) \(finding.category): \(finding.message)\n"
                if let evidence = finding.evidence.last {
                    out += "      \(evidence.url)  \(evidence.excerpt)\n"
                }
            }
            out += "\n"
        }
        let all = run.assistants.flatMap(\.findings)
        let counts = Severity.allCases.reversed().map { severity in
            "\(all.filter { $0.severity == severity }.count) \(severity.rawValue)"
        }
        out += "\(run.assistants.count) assistants, \(run.pagesFetched) pages: \(counts.joined(separator: ", "))\n"
        return Data(out.utf8)
    }

    private func bold(_ text: String) -> String { colour ? "\u{1B}[1m\(text)\u{1B}[0m" : text }

    private func paint(_ severity: Severity) -> String {
        let label = severity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0)
        guard colour else { return label }
        let code =
            switch severity {
            case .error: "31"
            case .warning: "33"
            case .note: "36"
            }
        return "\u{1B}[\(code)m\(label)\u{1B}[0m"
    }
}
