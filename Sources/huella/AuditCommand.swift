import ArgumentParser
import Foundation
import HuellaCore
import HuellaExtract
import HuellaFetch
import HuellaKit
import HuellaReport
import HuellaRules
import HuellaStore

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
            Settings come from the flags, then from huella.yaml (in the working directory, or \
            --config FILE), then from the defaults.

            Nightly runs keep state in one SQLite file (--state, default under \
            $XDG_STATE_HOME/huella): the HTTP cache for conditional requests, and each run's \
            findings, so every finding is marked new or unchanged and resolved ones are listed.

            Exit status: 0 no finding at or above --fail-on; 1 findings at or above it; \
            2 usage or configuration error; 3 the run itself failed; 4 another run holds the \
            state store's lock.
            """)

    @Argument(help: ArgumentHelp("A file of website URLs, one a line ('#' comments).", valueName: "urls.txt"))
    var urlList: String?

    @Option(help: ArgumentHelp("A roster of self-reported data: JSON, YAML or CSV (by extension).", valueName: "FILE"))
    var roster: String?

    @Option(help: "Report format: json, jsonl, sarif, html or text (default: text on a terminal, json otherwise).")
    var format: ReportFormat?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to FILE (atomically, mode 0600).", valueName: "FILE"))
    var output: String?

    @Option(help: ArgumentHelp("A directory of rules added to (or overriding) the built-in pack.", valueName: "DIR"))
    var rules: [String] = []

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a finding has this severity or higher (default: error).")
    var failOn: Severity?

    @Option(help: "Language of messages: en or es (default: en).")
    var lang: MessageLanguage?

    @Option(help: ArgumentHelp("A configuration file (default: ./huella.yaml when present).", valueName: "FILE"))
    var config: String?

    @Option(name: .customLong("profile-hosts"), help: ArgumentHelp("A directory of extra profile-host files.", valueName: "DIR"))
    var profileHosts: [String] = []

    @Option(
        help: ArgumentHelp(
            "Evidence the VA supplied, for an assistant id: a LinkedIn data export ZIP.", valueName: "ID=FILE"))
    var evidence: [String] = []

    @Option(help: ArgumentHelp("The state store (default: $XDG_STATE_HOME/huella/state.sqlite).", valueName: "FILE"))
    var state: String?

    @Flag(name: .customLong("no-state"), help: "Run without a state store: no cache, no baseline, nothing kept.")
    var noState = false

    @Option(help: ArgumentHelp("Compare with this run (see 'huella history') instead of the previous one.", valueName: "RUN"))
    var baseline: Int64?

    @Option(
        name: .customLong("max-duration"),
        help: ArgumentHelp("Stop fetching after this long and still write a valid, partial report (90s, 30m, 2h).", valueName: "DURATION"))
    var maxDuration: String?

    @Option(name: .customLong("keep-runs"), help: ArgumentHelp("Keep only the newest N runs in the state store.", valueName: "N"))
    var keepRuns: Int?

    @Option(help: ArgumentHelp("Audit only shard K of N (split by website host; JSON Lines outputs of all shards concatenate).", valueName: "K/N"))
    var shard: String?

    @Flag(help: "Mask email addresses and phone numbers in the report.")
    var redact = false

    @Option(help: "Assistants audited at once (default 16).")
    var concurrency: Int?

    @OptionGroup var network: NetworkOptions

    func validate() throws {
        if let concurrency, concurrency <= 0 { throw ValidationError("--concurrency must be positive") }
        if let maxDuration, Duration.parse(maxDuration) == nil {
            throw ValidationError("--max-duration '\(maxDuration)' is not a duration like 90s, 30m, 2h or 1h30m")
        }
        if let keepRuns, keepRuns < 1 { throw ValidationError("--keep-runs must be at least 1") }
        if let shard, Shard(shard) == nil { throw ValidationError("--shard '\(shard)' must be K/N with 1 ≤ K ≤ N") }
        if noState && (state != nil || baseline != nil) { throw ValidationError("--no-state cannot be combined with --state or --baseline") }
    }

    func run() async throws {
        let diagnostics = Diagnostics()
        var settings = HuellaConfig()
        do throws(InputError) {
            if let path = HuellaConfig.locate(config) { settings = try HuellaConfig.load(path: path) }
        } catch {
            diagnostics.error(error.description)
            throw ExitCode(ExitStatus.usage)
        }
        let urls = urlList ?? settings.urls
        let rosterPath = roster ?? settings.roster
        guard urls != nil || rosterPath != nil else {
            diagnostics.error("give a URL list, --roster FILE, or both (or name them in huella.yaml)")
            throw ExitCode(ExitStatus.usage)
        }
        let net = network.resolved(with: settings.network)
        do {
            try NetworkOptions.check(net)
        } catch {
            diagnostics.error("invalid network settings: \(error)")
            throw ExitCode(ExitStatus.usage)
        }

        var (assistants, inputProblems) = try readInputs(urls: urls, roster: rosterPath, diagnostics: diagnostics)
        if let part = shard.flatMap(Shard.init) { assistants = assistants.filter(part.contains) }
        let ruleSet = try loadRules(settings, diagnostics: diagnostics)
        let hosts: ProfileHosts
        do {
            hosts = try HuellaResources.profileHosts(extra: (settings.profileHosts ?? []) + profileHosts)
        } catch {
            diagnostics.error("invalid profile hosts: \(error)")
            throw ExitCode(ExitStatus.usage)
        }
        let nightly = try openState(
            inputKey: Self.inputKey(urls: urls, roster: rosterPath) + (shard.map { "|shard:\($0)" } ?? ""), diagnostics: diagnostics)
        if network.allowPrivateNetwork {
            diagnostics.warning("--allow-private-network: the SSRF guard is off; loopback and private addresses are reachable")
        }
        let fetcher: PoliteFetcher
        do {
            fetcher = try network.fetcher(net, robotsCache: nightly?.store)
        } catch {
            diagnostics.error(error.description)
            throw ExitCode(ExitStatus.runFailed)
        }
        let destination = output ?? settings.output
        let chosen = format ?? settings.format.flatMap(ReportFormat.init(rawValue:))
            ?? (isatty(STDOUT_FILENO) == 1 && destination == nil ? .text : .json)
        let language = lang ?? settings.lang ?? .en
        let reporter = chosen.reporter(
            ReportContext(
                tool: ToolInfo(version: HuellaVersion.current), rules: ruleSet, language: language,
                colour: destination == nil && isatty(STDOUT_FILENO) == 1))
        let sink: StreamSink
        do {
            sink = try StreamSink(path: destination, reporter: reporter)
        } catch {
            diagnostics.error(error.description)
            throw ExitCode(ExitStatus.usage)
        }
        let (vocabulary, vocabularyProblem) = HuellaResources.skillVocabulary()
        if let vocabularyProblem { diagnostics.warning(vocabularyProblem) }
        let configuration = AuditConfiguration(
            fetch: network.fetchOptions(net), language: language,
            assistantConcurrency: concurrency ?? settings.concurrency ?? 16, vocabulary: vocabulary, hosts: hosts)
        func auditor(cache: StateStore?) -> Auditor {
            Auditor(fetcher: fetcher, rules: ruleSet, configuration: configuration, cache: cache)
        }
        let redactor = (redact || settings.redact == true) ? Redactor() : nil
        let progress = Progress(total: assistants.count)
        let marker = nightly?.baseline ?? Baseline()
        let deadline = maxDuration.flatMap(Duration.parse).map { ContinuousClock.now + $0 }
        var result = await auditor(cache: nightly?.store).run(assistants, inputDiagnostics: inputProblems, deadline: deadline) { assistant in
            let marked = marker.mark(assistant)
            // Encoded once for the store and the JSON report (a redacted report encodes its own).
            let json = nightly != nil || (chosen == .json && redactor == nil) ? try? marked.compactJSON() : nil
            if let nightly { nightly.store.saveAssistant(runID: nightly.runID, marked, json: json) }
            sink.stream(redactor?.redact(marked) ?? marked, json: redactor == nil ? json : nil)
            progress.advance()
        }
        progress.finish()
        result.assistants = result.assistants.map(marker.mark)
        result.resolved = marker.resolved(in: result.assistants)
        result.runID = nightly?.runID
        result.baselineRunID = marker.runID
        if let nightly {
            let complete = result.assistants.allSatisfy { $0.state == .complete }
            nightly.store.finishRun(nightly.runID, state: complete ? "complete" : "partial", finishedAt: result.finishedAt)
            if let keep = keepRuns { nightly.store.prune(keep: keep) }
        }
        if let redactor { result.assistants = result.assistants.map(redactor.redact) }
        do {
            try sink.finish(result)
        } catch {
            diagnostics.error(error.description)
            throw ExitCode(ExitStatus.runFailed)
        }
        if let worst = result.worstSeverity, worst >= failOn ?? settings.failOn ?? .error {
            throw ExitCode(ExitStatus.findings)
        }
    }

    /// An open state store for this run: locked, with the run recorded and its baseline chosen.
    struct Nightly {
        var store: StateStore
        var lock: RunLock
        var runID: Int64
        var baseline: Baseline
    }

    private func openState(inputKey: String, diagnostics: Diagnostics) throws -> Nightly? {
        guard !noState else { return nil }
        let path = state ?? StateStore.defaultPath()
        do {
            let lock = try RunLock(storePath: path)
            let store = try StateStore(path: path)
            let runID = try store.beginRun(inputKey: inputKey, startedAt: Timestamp.now())
            if let baseline, store.run(baseline) == nil {
                diagnostics.error("--baseline \(baseline): no such run in \(path) (see 'huella history')")
                throw ExitCode(ExitStatus.usage)
            }
            return Nightly(store: store, lock: lock, runID: runID, baseline: Baseline(store: store, inputKey: inputKey, currentRun: runID, explicit: baseline))
        } catch let error as StoreError {
            diagnostics.error(error.description)
            throw ExitCode(error.message.contains("another huella run") ? ExitStatus.locked : ExitStatus.runFailed)
        }
    }

    /// The same inputs give the same key, so a nightly run finds its previous run.
    static func inputKey(urls: String?, roster: String?) -> String {
        [roster.map { "roster:" + URL(fileURLWithPath: $0).standardizedFileURL.path }, urls.map { "urls:" + URL(fileURLWithPath: $0).standardizedFileURL.path }]
            .compactMap { $0 }.joined(separator: "|")
    }

    /// The assistants of the roster and URL list, with supplied evidence attached.
    private func readInputs(urls: String?, roster: String?, diagnostics: Diagnostics) throws -> ([Assistant], [Diagnostic]) {
        var assistants: [Assistant] = []
        var problems: [Diagnostic] = []
        do {
            if let roster {
                let (found, issues) = try RosterReader.read(at: roster)
                assistants += found
                problems += issues
            }
            if let urls {
                let (found, issues) = try AuditInputs.readURLList(at: urls)
                assistants += found
                problems += issues
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
        problems.forEach(diagnostics.report)
        return (assistants, problems)
    }

    /// The built-in pack, the configured and given directories, then the configured overrides.
    private func loadRules(_ settings: HuellaConfig, diagnostics: Diagnostics) throws -> [Rule] {
        do {
            let loaded = try RulePack.load(builtIn: RulePack.builtInDirectory(), extra: (settings.rules ?? []) + rules)
            guard !loaded.isEmpty else {
                diagnostics.error("no rules: the built-in pack was not found; pass --rules DIR or set HUELLA_HOME")
                throw ExitCode(ExitStatus.usage)
            }
            return try settings.apply(to: loaded)
        } catch let error as RuleLoadError {
            diagnostics.error("invalid rules:\n\(error.description)")
            throw ExitCode(ExitStatus.usage)
        } catch let error as InputError {
            diagnostics.error(error.description)
            throw ExitCode(ExitStatus.usage)
        }
    }
}
