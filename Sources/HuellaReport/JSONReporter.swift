import Foundation
import HuellaCore

/// The whole run as one JSON document (SPEC's report).
public struct JSONReporter: Reporter {
    public let tool: ToolInfo
    public var identifier: String { "json" }

    public init(tool: ToolInfo) { self.tool = tool }

    public func streamed(_ assistant: AssistantResult) -> Data? { nil }

    public func finish(_ run: RunResult) -> Data {
        let document = ReportDocument(run: run, tool: tool)
        // Encoding a tree of strings and numbers cannot fail; an empty object is a safe fallback.
        var data = (try? ReportJSON.encoder(pretty: true).encode(document)) ?? Data("{}".utf8)
        data.append(0x0A)
        return data
    }
}

/// One assistant a line, written as each finishes, so long runs stream and shards concatenate.
public struct JSONLinesReporter: Reporter {
    public let tool: ToolInfo
    public var identifier: String { "jsonl" }

    public init(tool: ToolInfo) { self.tool = tool }

    /// A line: the assistant's result plus `schemaVersion` and `tool`, so each line stands alone.
    struct Line: Encodable {
        var schemaVersion = ReportDocument.schemaVersion
        var tool: ToolInfo
        var assistant: AssistantResult
    }

    public func streamed(_ assistant: AssistantResult) -> Data? {
        var data = (try? ReportJSON.encoder(pretty: false).encode(Line(tool: tool, assistant: assistant))) ?? Data()
        data.append(0x0A)
        return data
    }

    public func finish(_ run: RunResult) -> Data { Data() }
}
