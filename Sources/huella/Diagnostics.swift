import Foundation
import HuellaCore

#if canImport(Glibc)
    import Glibc
#endif

/// Messages for people, on stderr only (stdout carries the report); colour on a terminal.
struct Diagnostics: Sendable {
    let colour = isatty(STDERR_FILENO) == 1

    func error(_ message: String) { emit("error", "31", message) }
    func warning(_ message: String) { emit("warning", "33", message) }

    func report(_ diagnostic: Diagnostic) {
        let code = diagnostic.level == .error ? "31" : diagnostic.level == .warning ? "33" : "36"
        emit(diagnostic.level.rawValue, code, "\(diagnostic.location): \(diagnostic.message)")
    }

    private func emit(_ label: String, _ code: String, _ message: String) {
        let tag = colour ? "\u{1B}[\(code)m\(label)\u{1B}[0m" : label
        FileHandle.standardError.write(Data("huella: \(tag): \(message)\n".utf8))
    }
}
