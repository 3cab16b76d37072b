import ArgumentParser
import Foundation
import HuellaStore

/// `huella history`: the runs a state store remembers.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "history", abstract: "List the runs in the state store.")

    @Option(help: ArgumentHelp("The state store (default: $XDG_STATE_HOME/huella/state.sqlite).", valueName: "FILE"))
    var state: String?

    @Option(help: "How many runs to list, newest first.")
    var limit: Int = 20

    func run() throws {
        let store = try StateCommands.open(state)
        let runs = store.runs(limit: limit)
        if runs.isEmpty { print("no runs yet in \(store.path)") }
        for run in runs {
            print(
                String(run.id).padding(toLength: 6, withPad: " ", startingAt: 0), run.startedAt,
                run.state.padding(toLength: 9, withPad: " ", startingAt: 0),
                "\(run.assistants) assistants, \(run.findings) findings", " ", run.inputKey)
        }
    }
}

/// `huella diff RUN1 RUN2`: what changed between two runs.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "Show the findings that appeared and disappeared between two runs.")

    @Argument(help: "The earlier run.") var from: Int64
    @Argument(help: "The later run.") var to: Int64

    @Option(help: ArgumentHelp("The state store (default: $XDG_STATE_HOME/huella/state.sqlite).", valueName: "FILE"))
    var state: String?

    func run() throws {
        let store = try StateCommands.open(state)
        for id in [from, to] where store.run(id) == nil {
            throw ValidationError("no run \(id) in \(store.path); see 'huella history'")
        }
        let before = Dictionary(store.findings(runID: from).map { ("\($0.assistantID)|\($0.fingerprint)", $0) }) { a, _ in a }
        let after = Dictionary(store.findings(runID: to).map { ("\($0.assistantID)|\($0.fingerprint)", $0) }) { a, _ in a }
        let added = after.keys.filter { before[$0] == nil }.sorted().compactMap { after[$0] }
        let gone = before.keys.filter { after[$0] == nil }.sorted().compactMap { before[$0] }
        for f in added { print("+ \(f.assistantID)  \(f.severity)  \(f.category)  \(f.message)") }
        for f in gone { print("- \(f.assistantID)  \(f.severity)  \(f.category)  \(f.message)") }
        print("\(added.count) new, \(gone.count) resolved, \(after.count - added.count) unchanged")
    }
}

enum StateCommands {
    static func open(_ path: String?) throws -> StateStore {
        let file = path ?? StateStore.defaultPath()
        guard FileManager.default.fileExists(atPath: file) else {
            throw ValidationError("no state store at \(file); run 'huella audit' first or pass --state FILE")
        }
        do {
            return try StateStore(path: file)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
