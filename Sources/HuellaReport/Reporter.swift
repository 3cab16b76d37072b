import Foundation
import HuellaCore

/// Renders a run in one format. Streaming formats return bytes as each assistant finishes;
/// whole-document formats return everything at the end.
public protocol Reporter: Sendable {
    /// The format's name on the command line.
    var identifier: String { get }
    /// Bytes to write as soon as an assistant is done, or nil when the format waits for the end.
    func streamed(_ assistant: AssistantResult) -> Data?
    /// The rest of the report once the run is over.
    func finish(_ run: RunResult) -> Data
}

/// The formats huella writes.
public enum ReportFormat: String, Sendable, CaseIterable {
    case json
    case jsonl
    case text

    /// The reporter for the format.
    public func reporter(tool: ToolInfo, colour: Bool = false) -> any Reporter {
        switch self {
        case .json: JSONReporter(tool: tool)
        case .jsonl: JSONLinesReporter(tool: tool)
        case .text: TextReporter(colour: colour)
        }
    }
}

/// One encoder configuration for every JSON huella writes: sorted keys, so byte-stable.
enum ReportJSON {
    static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
