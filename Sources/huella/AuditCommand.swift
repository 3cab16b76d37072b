import ArgumentParser
import Foundation
import HuellaCore
import HuellaExtract
import HuellaFetch
import HuellaKit
import HuellaReport
import HuellaRules

#if canImport(Glibc)
    import Glibc
#endif

extension ReportFormat: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}
extension MessageLanguage: ExpressibleByArgument {}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit VAs from a URL list or a roster and write a report.",
        discussion: """
            Exit status: 0 no finding at or above --fail-on; 1 findings at or above it; \
            2 usage or configuration error; 3 the run itself failed.
            """)

    @Argument(help: ArgumentHelp("A file of website URLs, one a line ('#' comments).", valueName: "urls.txt"))
    var urlList: String?

    @Option(help: ArgumentHelp("A roster of self-reported data (JSON).", valueName: "FILE"))
    var roster: String?

    @Option(help: "Report format: json, jsonl or text (default: text on a terminal, json otherwise).")
    var format: ReportFormat?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to FILE (atomically, mode 0600).", valueName: "FILE"))
    var output: String?

    @Option(help: ArgumentHelp("A directory of rules added to (or overriding) the built-in pack.", valueName: "DIR"))
    var rules: [String] = []

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding has this severity or higher.")
    var failOn: Severity = .error

    @Option(help: "Language of messages: en or es.")
    var lang: MessageLanguage = .en

    @Option(name: .customLong("profile-hosts"), help: ArgumentHelp("A directory of extra profile-host files.", valueName: "DIR"))
    var profileHosts: [String] = []

    @Option(
        help: ArgumentHelp(
            "Evidence the VA supplied, for an assistant id: a LinkedIn data export ZIP.", valueName: "ID=FILE"))
    var evidence: [String] = []

    @Option(help: "Assistants audited at once.")
    var concurrency: Int = 16

    @OptionGroup var network: NetworkOptions

    func validate() throws {
        if urlList == nil && roster == nil {
            throw ValidationError("give a URL list, --roster FILE, or both")
        }
        guard concurrency > 0 else { throw ValidationError("--concurrency must be positive") }
    }

    func run() async throws {
        let diagnostics = Diagnostics()
        var assistants: [Assistant] = []
        var inputProblems: [Diagnostic] = []
        do {
            if let roster {
                let (found, problems) = try RosterReader.read(at: roster)
                assistants += found
                inputProblems += problems
            }
            if let urlList {
                let (found, problems) = try AuditInputs.readURLList(at: urlList)
                assistants += found
                inputProblems += problems
            }
        } catch {
            diagnostics.error(error.description)
            throw ExitCode(ExitStatus.usage)
        }
        for item in evidence {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let index = assistants.firstIndex(where: { $0.id == parts[0] }) else {
                diagnostics.error("--evidence '\(item)': no assistant with that id (use ID=FILE with an id from the input)")
                throw ExitCode(ExitStatus.usage)
            }
            guard FileManager.default.isReadableFile(atPath: parts[1]) else {
                diagnostics.error("--evidence '\(item)': cannot read '\(parts[1])'")
                throw ExitCode(ExitStatus.usage)
            }
            assistants[index].evidence.append(parts[1])
        }
        inputProblems.forEach(diagnostics.report)

        let ruleSet: [Rule]
        do {
            ruleSet = try RulePack.load(builtIn: RulePack.builtInDirectory(), extra: rules)
        } catch {
            diagnostics.error("invalid rules:\n\(error.description)")
            throw ExitCode(ExitStatus.usage)
        }
        if ruleSet.isEmpty {
            diagnostics.error("no rules: the built-in pack was not found; pass --rules DIR or set HUELLA_RULES_DIR")
            throw ExitCode(ExitStatus.usage)
        }
        if network.allowPrivateNetwork {
            diagnostics.warning("--allow-private-network: the SSRF guard is off; loopback and private addresses are reachable")
        }

        let fetcher: PoliteFetcher
        do {
            fetcher = try network.fetcher()
        } catch {
            diagnostics.error(error.description)
            throw ExitCode(ExitStatus.runFailed)
        }
        let chosen = format ?? (isatty(STDOUT_FILENO) == 1 && output == nil ? .text : .json)
        let reporter = chosen.reporter(
            tool: ToolInfo(version: HuellaVersion.current), colour: output == nil && isatty(STDOUT_FILENO) == 1)
        let sink: StreamSink
        do {
            sink = try StreamSink(path: output, reporter: reporter)
        } catch {
            diagnostics.error(error.description)
            throw ExitCode(ExitStatus.usage)
        }
        let hosts: ProfileHosts
        do {
            hosts = try HuellaResources.profileHosts(extra: profileHosts)
        } catch {
            diagnostics.error("invalid profile hosts: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        let (vocabulary, vocabularyProblem) = HuellaResources.skillVocabulary()
        if let vocabularyProblem { diagnostics.warning(vocabularyProblem) }
        let auditor = Auditor(
            fetcher: fetcher, rules: ruleSet,
            configuration: AuditConfiguration(
                fetch: network.fetchOptions(), language: lang, assistantConcurrency: concurrency,
                vocabulary: vocabulary, hosts: hosts))
        let result = await auditor.run(assistants, inputDiagnostics: inputProblems) { assistant in
            sink.stream(assistant)
        }
        do {
            try sink.finish(result)
        } catch {
            diagnostics.error(error.description)
            throw ExitCode(ExitStatus.runFailed)
        }
        if let worst = result.worstSeverity, worst >= failOn { throw ExitCode(ExitStatus.findings) }
    }
}
