import Foundation
import HuellaCore
import HuellaRules

/// Renders a run in one format. Streaming formats return bytes as each assistant finishes;
/// whole-document formats return everything at the end.
public protocol Reporter: Sendable {
    /// The format's name on the command line.
    var identifier: String { get }
    /// Bytes to write as soon as an assistant is done, or nil when the format waits for the end.
    func streamed(_ assistant: AssistantResult) -> Data?
    /// The rest of the report once the run is over.
    func finish(_ run: RunResult) -> Data
    /// Work a whole-document format can do as soon as an assistant is done, while others are
    /// still being read, so that less is left for the end. Writes nothing. `json` is the
    /// assistant's `compactJSON()` when the caller has it already.
    func prepare(_ assistant: AssistantResult, json: Data?)
    /// `finish`, in pieces to write one after another.
    func finishParts(_ run: RunResult) -> [Data]
}

extension Reporter {
    public func prepare(_ assistant: AssistantResult, json: Data?) {}
    public func finishParts(_ run: RunResult) -> [Data] { [finish(run)] }
}

/// What a reporter may need beyond the run: the tool, the rules in force, the language.
public struct ReportContext: Sendable {
    public var tool: ToolInfo
    public var rules: [Rule]
    public var language: MessageLanguage
    /// ANSI colours (text on a terminal).
    public var colour: Bool

    public init(tool: ToolInfo, rules: [Rule] = [], language: MessageLanguage = .en, colour: Bool = false) {
        self.tool = tool
        self.rules = rules
        self.language = language
        self.colour = colour
    }
}

/// The formats huella writes.
public enum ReportFormat: String, Sendable, CaseIterable {
    case json
    case jsonl
    case sarif
    case html
    case text

    /// The reporter for the format.
    public func reporter(_ context: ReportContext) -> any Reporter {
        switch self {
        case .json: JSONReporter(tool: context.tool)
        case .jsonl: JSONLinesReporter(tool: context.tool)
        case .sarif: SARIFReporter(context: context)
        case .html: HTMLReporter(context: context)
        case .text: TextReporter(colour: context.colour)
        }
    }
}
