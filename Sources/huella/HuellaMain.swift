import ArgumentParser
import Foundation
import HuellaKit

#if canImport(Glibc)
    import Glibc
#endif

/// Entry point: parses the command line and maps every failure to SPEC's exit statuses
/// (2 usage or configuration, 3 the run failed); findings decide 0 or 1 inside `audit`.
@main
enum HuellaMain {
    static func main() async {
        do {
            var command = try Huella.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let exit as ExitCode {
            Glibc.exit(exit.rawValue)
        } catch {
            let code = Huella.exitCode(for: error)
            let message = Huella.fullMessage(for: error)
            if code == .success {
                print(message)
                Glibc.exit(0)
            }
            FileHandle.standardError.write(Data(("huella: " + message + "\n").utf8))
            Glibc.exit(ExitStatus.usage)
        }
    }
}

/// SPEC's exit statuses.
enum ExitStatus {
    static let clean: Int32 = 0
    static let findings: Int32 = 1
    static let usage: Int32 = 2
    static let runFailed: Int32 = 3
    static let locked: Int32 = 4
}

struct Huella: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "huella",
        abstract: "Audit the public online footprint of freelance virtual assistants.",
        discussion: """
            huella fetches each VA's declared website and public profiles, extracts what they \
            claim, and flags where the claims disagree, with the evidence. Findings are leads \
            for a person to check, never verdicts.
            """,
        version: HuellaVersion.current,
        subcommands: [AuditCommand.self, ExtractCommand.self, RulesCommand.self, HistoryCommand.self, DiffCommand.self]
    )
}
