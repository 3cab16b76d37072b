import HuellaCore

/// The JSON report of SPEC, as a Codable document (schema: `schemas/report.schema.json`).
public struct ReportDocument: Sendable, Codable {
    public static let schemaVersion = "1.0"

    public var schemaVersion: String
    public var tool: ToolInfo
    public var run: RunInfo
    public var assistants: [AssistantResult]
    public var summary: Summary
    /// Problems with the input (bad lines, bad entries), not tied to one assistant.
    public var diagnostics: [Diagnostic]
    /// Findings of the baseline run that are gone now.
    public var resolved: [ResolvedFinding]

    public init(run result: RunResult, tool: ToolInfo) {
        schemaVersion = Self.schemaVersion
        self.tool = tool
        run = RunInfo(
            startedAt: result.startedAt, finishedAt: result.finishedAt, pagesFetched: result.pagesFetched,
            notModified: result.notModified, errors: result.errors, id: result.runID, baseline: result.baselineRunID,
            complete: result.assistants.allSatisfy { $0.state == .complete })
        assistants = result.assistants
        summary = Summary(assistants: result.assistants)
        diagnostics = result.diagnostics
        resolved = result.resolved
    }

    /// Every member but the assistants, for a report stitched from parts encoded earlier
    /// (`JSONReporter`); a member added to the document is added here too, or the stitched
    /// report differs from the whole one and the golden test fails.
    struct WithoutAssistants: Encodable {
        var schemaVersion: String
        var tool: ToolInfo
        var run: RunInfo
        var summary: Summary
        var diagnostics: [Diagnostic]
        var resolved: [ResolvedFinding]

        init(_ document: ReportDocument) {
            schemaVersion = document.schemaVersion
            tool = document.tool
            run = document.run
            summary = document.summary
            diagnostics = document.diagnostics
            resolved = document.resolved
        }
    }

    public struct RunInfo: Sendable, Codable {
        public var startedAt: String
        public var finishedAt: String
        public var pagesFetched: Int
        public var notModified: Int
        public var errors: Int
        /// The run's id in the state store, and the baseline run it was compared with.
        public var id: Int64?
        public var baseline: Int64?
        /// False when `--max-duration` cut the run short.
        public var complete: Bool
    }

    public struct Summary: Sendable, Codable {
        public var assistants: Int
        public var findings: Counts

        init(assistants list: [AssistantResult]) {
            assistants = list.count
            let all = list.flatMap(\.findings)
            findings = Counts(
                error: all.filter { $0.severity == .error }.count,
                warning: all.filter { $0.severity == .warning }.count,
                note: all.filter { $0.severity == .note }.count)
        }
    }

    public struct Counts: Sendable, Codable {
        public var error: Int
        public var warning: Int
        public var note: Int
    }
}

/// The tool's name and version, as reports show them.
public struct ToolInfo: Sendable, Hashable, Codable {
    public var name: String
    public var version: String

    public init(name: String = "huella", version: String) {
        self.name = name
        self.version = version
    }
}
