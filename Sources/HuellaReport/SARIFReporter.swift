import Foundation
import HuellaCore
import HuellaRules

/// SARIF 2.1.0: findings as results, rules as reporting descriptors with help text,
/// fingerprints as partialFingerprints, the baseline state of each result.
public struct SARIFReporter: Reporter {
    public let context: ReportContext
    public var identifier: String { "sarif" }

    public init(context: ReportContext) { self.context = context }

    public func streamed(_ assistant: AssistantResult) -> Data? { nil }

    public func finish(_ run: RunResult) -> Data {
        let rules = context.rules.sorted { $0.id < $1.id }
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
        var results: [Result] = []
        for assistant in run.assistants {
            for finding in assistant.findings {
                results.append(Result(finding: finding, assistant: assistant, ruleIndex: index[finding.rule]))
            }
        }
        let log = Log(
            runs: [
                SARIFRun(
                    tool: Tool(
                        driver: Driver(
                            name: context.tool.name, version: context.tool.version,
                            informationUri: "https://github.com/huella-audit/huella",
                            rules: rules.map { Descriptor(rule: $0, language: context.language) })),
                    invocations: [Invocation(executionSuccessful: true, startTimeUtc: run.startedAt, endTimeUtc: run.finishedAt)],
                    results: results, columnKind: "unicodeCodePoints")
            ])
        var data = (try? HuellaJSON.encoder(pretty: true).encode(log)) ?? Data("{}".utf8)
        data.append(0x0A)
        return data
    }

    struct Log: Encodable {
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var version = "2.1.0"
        var runs: [SARIFRun]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    struct SARIFRun: Encodable {
        var tool: Tool
        var invocations: [Invocation]
        var results: [Result]
        var columnKind: String
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name: String
        var version: String
        var informationUri: String
        var rules: [Descriptor]
    }

    struct Invocation: Encodable {
        var executionSuccessful: Bool
        var startTimeUtc: String
        var endTimeUtc: String
    }

    struct Text: Encodable { var text: String }

    struct Descriptor: Encodable {
        var id: String
        var name: String
        var shortDescription: Text
        var fullDescription: Text
        var help: Text
        var defaultConfiguration: Configuration
        var properties: Properties

        struct Configuration: Encodable {
            var level: String
            var enabled: Bool
        }

        struct Properties: Encodable {
            var category: String
            var ethicsClause: String
            var tags: [String]
        }

        init(rule: Rule, language: MessageLanguage) {
            id = rule.id
            name = rule.category
            shortDescription = Text(text: rule.message.text(in: language))
            fullDescription = Text(text: rule.rationale ?? rule.message.text(in: language))
            help = Text(text: "\(rule.rationale ?? "") Ethics clause: \(rule.ethics). Run `huella rules explain \(rule.id)` for examples.")
            defaultConfiguration = Configuration(level: rule.severity.rawValue, enabled: rule.isEnabled)
            properties = Properties(category: rule.category, ethicsClause: rule.ethics, tags: [rule.category.split(separator: ".").first.map(String.init) ?? ""])
        }
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int?
        var level: String
        var message: Text
        var locations: [Location]
        var partialFingerprints: [String: String]
        var baselineState: String
        var properties: Properties

        struct Properties: Encodable {
            var assistantId: String
            var assistantName: String?
            var category: String
            var ethicsClause: String
        }

        init(finding: Finding, assistant: AssistantResult, ruleIndex: Int?) {
            ruleId = finding.rule
            self.ruleIndex = ruleIndex
            level = finding.severity.rawValue
            message = Text(text: finding.message)
            locations = finding.evidence.enumerated().map { i, evidence in Location(id: i, evidence: evidence) }
            partialFingerprints = ["huellaFingerprint/v1": finding.fingerprint]
            baselineState = finding.baseline == .new ? "new" : "unchanged"
            properties = Properties(
                assistantId: assistant.id, assistantName: assistant.name, category: finding.category, ethicsClause: finding.ethicsClause)
        }
    }

    struct Location: Encodable {
        var id: Int
        var physicalLocation: Physical
        var logicalLocations: [Logical]?
        var message: Text

        struct Physical: Encodable { var artifactLocation: Artifact }
        struct Artifact: Encodable { var uri: String }
        struct Logical: Encodable {
            var fullyQualifiedName: String
            var kind: String
        }

        init(id: Int, evidence: Evidence) {
            self.id = id
            physicalLocation = Physical(artifactLocation: Artifact(uri: evidence.url))
            logicalLocations = evidence.locator.isEmpty ? nil : [Logical(fullyQualifiedName: evidence.locator, kind: "element")]
            message = Text(text: evidence.excerpt.isEmpty ? evidence.url : evidence.excerpt)
        }
    }
}
