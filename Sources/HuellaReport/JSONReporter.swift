import Foundation
import HuellaCore

/// The whole run as one JSON document (SPEC's report).
///
/// Each assistant's part is laid out as soon as it is done (`prepare`), from the compact JSON
/// the state store saves, while the run still reads pages: encoding the whole document at
/// the end was the last 1.5 s of a 10 s nightly run, on one core, and encoding every result
/// twice (store and report) was 14 % of the run's CPU. `finish` stitches the parts; the bytes
/// are those of encoding the document whole (a test holds them equal). A part is used only
/// for an assistant equal to the one it was made from, else the document is encoded whole.
public struct JSONReporter: Reporter {
    public let tool: ToolInfo
    public var identifier: String { "json" }
    private let parts = Locked<[String: (assistant: AssistantResult, json: Data)]>([:])

    public init(tool: ToolInfo) { self.tool = tool }

    public func streamed(_ assistant: AssistantResult) -> Data? { nil }

    public func prepare(_ assistant: AssistantResult, json: Data?) {
        guard let compact = json ?? (try? assistant.compactJSON()) else { return }
        // An assistant sits two levels deep in the document: four spaces.
        let part = PrettyJSON.format(compact, indent: 4)
        parts.withLock { $0[assistant.id] = (assistant, part) }
    }

    public func finish(_ run: RunResult) -> Data {
        finishParts(run).reduce(into: Data()) { $0.append($1) }
    }

    /// The document in pieces (a long report is not copied into one buffer first).
    public func finishParts(_ run: RunResult) -> [Data] {
        let document = ReportDocument(run: run, tool: tool)
        if let pieces = stitched(document) { return pieces }
        // Encoding a tree of strings and numbers cannot fail; an empty object is a safe fallback.
        var data = (try? HuellaJSON.encoder(pretty: true).encode(document)) ?? Data("{}".utf8)
        data.append(0x0A)
        return [data]
    }

    /// The document written from the prepared parts, or nil when a part is missing or stale.
    func stitched(_ document: ReportDocument) -> [Data]? {
        guard !document.assistants.isEmpty else { return nil }
        let prepared = parts.withLock { $0 }
        // Sorted keys put "assistants" first; the other members are encoded as one object
        // whose opening brace is dropped.
        guard let rest = try? HuellaJSON.encoder(pretty: true).encode(ReportDocument.WithoutAssistants(document)),
            rest.starts(with: Data("{\n".utf8))
        else { return nil }
        var pieces = [Data("{\n  \"assistants\" : [\n".utf8)]
        pieces.reserveCapacity(2 * document.assistants.count + 2)
        for (index, assistant) in document.assistants.enumerated() {
            guard let part = prepared[assistant.id], part.assistant == assistant else { return nil }
            if index > 0 { pieces.append(Data(",\n".utf8)) }
            pieces.append(part.json)
        }
        pieces.append(Data("\n  ],\n".utf8) + rest.dropFirst(2) + Data("\n".utf8))
        return pieces
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
        var data = (try? HuellaJSON.encoder(pretty: false).encode(Line(tool: tool, assistant: assistant))) ?? Data()
        data.append(0x0A)
        return data
    }

    public func finish(_ run: RunResult) -> Data { Data() }
}
